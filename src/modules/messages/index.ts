/**
 * The email outbox: queueing, sending through SMTP exactly once, and unsubscribing.
 */
export { messageSenderTicker } from './messages.jobs.ts';
export { registerMessageRoutes } from './messages.routes.ts';
export { type EmailToQueue, queueEmail, queueEmails } from './queue-message.ts';
export { sendDueMessages } from './send-messages.ts';
export { createMailTransport, type MailTransport, type OutgoingMail } from './transport.ts';
export { anonymiseContactMessages } from './erase-messages.ts';
export { countMessagesByStatus } from './message-stats.ts';
export type OutboxMessageView = Awaited<ReturnType<typeof import('./outbox.queries.ts').listOutbox>>['items'][number];
