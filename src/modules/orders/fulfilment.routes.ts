import { type App, type AppContext, currentUser, idParams, requireRole } from '../../platform/http.ts';
import { accountOf, assertCanWorkOnAccount } from '../../platform/permissions.ts';
import { getFulfilmentSettings, setAccountPromise, setExpectedShipping, setProductPromise, updateFulfilmentSettings } from './fulfilment-promise.ts';
import { fulfilmentReport, listLateOrders } from './fulfilment-report.ts';
import { expectedShippingBody, fulfilmentReportQuery, fulfilmentSettingsBody, lateOrdersQuery, promiseBody } from './fulfilment.schema.ts';

const managers = ['admin', 'manager'] as const;

export function registerFulfilmentRoutes(app: App, { db }: AppContext): void {
  const tags = ['fulfilment'];
  app.get('/api/v1/fulfilment/settings', { schema: { tags } }, async () => getFulfilmentSettings(db));
  app.patch('/api/v1/fulfilment/settings', { schema: { body: fulfilmentSettingsBody, tags } }, async (request) => {
    const user = requireRole(request, [...managers]);
    return updateFulfilmentSettings(db, request.body, user.id);
  });
  app.get('/api/v1/fulfilment/report', { schema: { querystring: fulfilmentReportQuery, tags } }, async (request) => {
    requireRole(request, [...managers]);
    return fulfilmentReport(db, request.query);
  });
  app.get('/api/v1/fulfilment/late-orders', { schema: { querystring: lateOrdersQuery, tags } }, async (request) => {
    requireRole(request, [...managers]);
    return listLateOrders(db, request.query);
  });
  app.patch('/api/v1/fulfilment/accounts/:id/promise', { schema: { params: idParams, body: promiseBody, tags } }, async (request) => {
    requireRole(request, [...managers]);
    return setAccountPromise(db, request.params.id, request.body.working_days);
  });
  app.patch('/api/v1/fulfilment/products/:id/promise', { schema: { params: idParams, body: promiseBody, tags } }, async (request) => {
    requireRole(request, [...managers]);
    return setProductPromise(db, request.params.id, request.body.working_days);
  });
  // The service owner (anyone who works on the account) says when a late order will now ship.
  app.patch('/api/v1/orders/:id/expected-shipping', { schema: { params: idParams, body: expectedShippingBody, tags } }, async (request) => {
    const user = currentUser(request);
    await assertCanWorkOnAccount(db, user, await accountOf(db, 'orders', request.params.id));
    return setExpectedShipping(db, request.params.id, request.body.expected_ship_on);
  });
}
