/**
 * CSV exports of the lists a business keeps (accounts, touches, scores, service lists).
 */
export { exportCsv } from './export-csv.ts';
export { exportListNames } from './export-lists.ts';
export { registerExportRoutes } from './exports.routes.ts';
export type { ExportFilterParams } from './export-filters.ts';
