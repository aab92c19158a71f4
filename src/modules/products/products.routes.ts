import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { previewProductLaunch } from './launch-preview.ts';
import { createProductBody, listProductsQuery, updateProductBody } from './products.schema.ts';
import { createProduct, deleteProduct, getProduct, launchProduct, listProducts, updateProduct } from './products.service.ts';

const catalogueEditors = ['admin', 'manager'] as const;

export function registerProductRoutes(app: App, { db }: AppContext): void {
  const tags = ['products'];
  app.get('/api/v1/products', { schema: { querystring: listProductsQuery, tags } }, async (request) =>
    listProducts(db, request.query),
  );
  app.post('/api/v1/products', { schema: { body: createProductBody, tags } }, async (request, reply) => {
    requireRole(request, [...catalogueEditors]);
    return reply.status(201).send(await createProduct(db, request.body));
  });
  app.get('/api/v1/products/:id', { schema: { params: idParams, tags } }, async (request) =>
    getProduct(db, request.params.id),
  );
  app.patch('/api/v1/products/:id', { schema: { params: idParams, body: updateProductBody, tags } }, async (request) => {
    requireRole(request, [...catalogueEditors]);
    return updateProduct(db, request.params.id, request.body);
  });
  app.get('/api/v1/products/:id/launch-preview', { schema: { params: idParams, tags } }, async (request) => {
    requireRole(request, [...catalogueEditors]);
    return previewProductLaunch(db, request.params.id);
  });
  app.post('/api/v1/products/:id/launch', { schema: { params: idParams, tags } }, async (request) => {
    const user = requireRole(request, [...catalogueEditors]);
    return launchProduct(db, request.params.id, user.id);
  });
  app.delete('/api/v1/products/:id', { schema: { params: idParams, tags } }, async (request, reply) => {
    requireRole(request, [...catalogueEditors]);
    await deleteProduct(db, request.params.id);
    return reply.status(204).send();
  });
}
