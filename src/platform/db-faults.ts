// SQLSTATE class 08 is "connection exception"; 57P01–57P03 are the server shutting a session down
// (pg_terminate_backend, a fast shutdown, a server still starting after a crash or failover).
const lostConnectionStates = /^(08...|57P0[123])$/;

// What node-postgres and Node's sockets say when the connection goes away without a SQLSTATE.
const lostConnectionMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
const lostSocketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/**
 * True when an error means the database connection went away (a restart, a failover, an admin
 * terminating the backend), not that the statement was wrong: the work may be retried on a new
 * connection, and the HTTP client is told to retry (503) instead of seeing a server bug (500).
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (lostConnectionStates.test(code) || lostSocketCodes.has(code))) return true;
  return typeof message === 'string' && lostConnectionMessages.some((m) => message.startsWith(m));
}
