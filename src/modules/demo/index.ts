/**
 * The demo business that `npm start` loads into an empty database.
 */
export { isDatabaseEmpty, loadDemoData } from './demo.service.ts';
