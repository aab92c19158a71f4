/**
 * Personal data: export everything about a contact, and erase a contact on request (anonymised,
 * aggregates kept). Owns /contacts/:id/personal-data and /contacts/:id/erase; the contacts module
 * owns the rest of /contacts.
 */
export { eraseContact } from './erase-contact.ts';
export { exportPersonalData } from './personal-data.ts';
export { registerPrivacyRoutes } from './privacy.routes.ts';
