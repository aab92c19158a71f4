import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** `headers` is the header block with folded lines joined, as a reader sees them. */
export type ReceivedMail = { messageId: string; to: string[]; raw: string; headers: string };

/** `connectionErrors` holds connections a client dropped mid-session (a worker killed while sending). */
export type SmtpReceiver = { url: string; received: ReceivedMail[]; rejectNext: number; connectionErrors: Error[]; close(): Promise<void> };

/**
 * A real SMTP server on loopback that keeps every message it accepts (or refuses the next N).
 * `port` starts it on a port it had before, as a mail server that comes back after an outage.
 */
export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = { url: '', received: [], rejectNext: 0, connectionErrors: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // This machine has no DNS to ask; a reverse lookup per connection would only add a delay.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (receiver.rejectNext > 0) {
          receiver.rejectNext--;
          callback(new Error('Mailbox temporarily unavailable'));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
        const messageId = headers.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? '';
        receiver.received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw, headers });
        callback();
      });
    },
  });
  server.on('error', (error: Error) => receiver.connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
