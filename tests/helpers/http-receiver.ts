import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = { headers: Record<string, string | string[] | undefined>; body: Buffer };

export type HttpReceiver = {
  url: string;
  received: ReceivedRequest[];
  /** Statuses to answer the next requests with, in order; 204 once they run out. */
  answers: number[];
  close(): Promise<void>;
};

/** A real HTTP server on loopback that records every request it gets; `port` reopens one that went down. */
export async function startHttpReceiver(port = 0): Promise<HttpReceiver> {
  const receiver: HttpReceiver = { url: '', received: [], answers: [], close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.statusCode = receiver.answers.shift() ?? 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
