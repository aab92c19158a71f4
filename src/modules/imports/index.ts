/**
 * CSV imports (accounts, contacts, products, orders; Shopify and Stripe presets), streamed in batches with a report per file; also saves orders that arrive by webhook.
 */
export { type ExternalOrderResult, saveExternalOrder } from './external-order.ts';
export { failedRowsCsv } from './imports.queries.ts';
export { registerImportRoutes } from './imports.routes.ts';
export { csvDelimiters, csvEncodings, importOptions, type ImportProgress, parseMapOption } from './imports.schema.ts';
export type { ImportedOrder } from './order-rows.ts';
export { presetNames } from './presets.ts';
export { runImport } from './run-import.ts';
