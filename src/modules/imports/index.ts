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
export type { ImportReport } from './run-import.ts';
export type ImportView = Awaited<ReturnType<typeof import('./imports.queries.ts').listImports>>['items'][number];
/** GET /api/v1/imports/formats: the fields each kind of import takes and the ready-made mappings by name. */
export type ImportFormatsView = { fields: typeof import('./columns.ts').importFields; presets: Record<string, import('./presets.ts').Preset> };
