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
 * True when an error from node-postgres means the database connection went away (a restart, a
 * failover, an admin terminating the backend), not that the statement was wrong: the work may be
 * retried on a new connection.
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && lostConnectionStates.test(code)) return true;
  return typeof message === 'string' && lostConnectionMessages.some((m) => message.startsWith(m));
}

/**
 * A lost connection, or a socket refused or reset while opening a new one (the server restarting).
 * Not used to classify a job's own failure: a job's SMTP or webhook socket fails the same way, and
 * those must back off rather than retry at once.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return isConnectionLost(error) || (typeof code === 'string' && lostSocketCodes.has(code));
}

/**
 * Runs an idempotent statement again while the connection is lost (a few times, about 3 s in all),
 * for bookkeeping that must not be dropped: a job marked done, or put back in the queue.
 */
export async function retryWhileConnectionLost<T>(statement: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if (!isConnectionFailure(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
