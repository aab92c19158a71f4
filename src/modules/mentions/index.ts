/**
 * Press clippings and other mentions of a customer, mailed with a note.
 */
export { registerMentionRoutes } from './mentions.routes.ts';
