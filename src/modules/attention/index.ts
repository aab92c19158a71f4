/**
 * Attention gaps for managers: customers nobody has touched for too long.
 */
export { registerAttentionRoutes } from './attention.routes.ts';
