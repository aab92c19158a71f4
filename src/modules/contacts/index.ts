/**
 * Contacts: the people at an account, their consent and addresses.
 */
export { registerContactRoutes } from './contacts.routes.ts';
export { anonymiseContact } from './erase-contact.ts';
export { type ContactMatch, findContacts } from './contact-search.ts';
export type { UpdateContactInput } from './contacts.schema.ts';
