import type { App, AppContext } from '../../platform/http.ts';
import { searchQuery } from './search.schema.ts';
import { searchEverything } from './search.service.ts';

export function registerSearchRoutes(app: App, { db }: AppContext): void {
  // Everyone may find any record, as every list is readable by everyone (docs/permissions.md).
  app.get('/api/v1/search', { schema: { querystring: searchQuery, tags: ['search'] } }, async (request) => searchEverything(db, request.query));
}
