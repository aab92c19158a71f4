/**
 * Attention gaps for managers: customers nobody has touched for too long.
 */
export { attentionGaps } from './attention.queries.ts';
export { registerAttentionRoutes } from './attention.routes.ts';
/** One account on the attention list, as the API answers it. */
export type AttentionGapView = Awaited<ReturnType<typeof import('./attention.queries.ts').attentionGaps>>['items'][number];
