import type { Env } from '../../platform/env.ts';
import type { Ticker } from '../../platform/jobs.ts';
import { sendDueMessages } from './send-messages.ts';
import type { MailTransport } from './transport.ts';

/** On every worker tick: send the emails that are due. */
export function messageSenderTicker(transport: MailTransport, env: Pick<Env, 'MAIL_FROM' | 'MESSAGE_LEASE_SECONDS'>): Ticker {
  return {
    name: 'messages.send',
    run: ({ db }) => sendDueMessages(db, { transport, from: env.MAIL_FROM, leaseSeconds: env.MESSAGE_LEASE_SECONDS }),
  };
}
