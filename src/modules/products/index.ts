/**
 * Products, their tags, and launches that start the announcement playbook.
 */
export { registerProductRoutes } from './products.routes.ts';
