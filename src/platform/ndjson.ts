import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** The asker closed the connection: the work in progress stops instead of running for nobody. */
class AskerLeft extends Error {
  constructor() {
    super('the client closed the connection');
  }
}

/** What `work` may send while it runs; throws once the asker has left, which stops the work. */
export type SendLine = (line: Record<string, unknown>) => void;

/**
 * Answers with newline-delimited JSON (docs/decisions/0033-streamed-simulation.md): `work` sends
 * lines as it goes, and what it returns is the last line, `{ "type": "result", "result": … }`.
 * The status is already 200 when a line is out, so a failure later is a last line
 * `{ "type": "error", "error": { code, message } }`, logged here when it is not the caller's error.
 */
export function replyNdjson(request: FastifyRequest, reply: FastifyReply, work: (send: SendLine) => Promise<unknown>): FastifyReply {
  const stream = new PassThrough();
  let left = false;
  reply.raw.on('close', () => {
    left = !reply.raw.writableFinished;
  });
  const write = (line: Record<string, unknown>) => stream.write(`${JSON.stringify(line)}\n`);
  const send: SendLine = (line) => {
    if (left) throw new AskerLeft();
    write(line);
  };
  const run = async () => {
    try {
      write({ type: 'result', result: await work(send) });
    } catch (error) {
      if (error instanceof AskerLeft) {
        request.log.info('streamed answer stopped: the client left');
      } else if (error instanceof AppError) {
        write({ type: 'error', error: error.field ? { code: error.code, message: error.message, field: error.field } : { code: error.code, message: error.message } });
      } else {
        request.log.error({ err: error }, 'streamed answer failed');
        write({ type: 'error', error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } });
      }
    } finally {
      stream.end();
    }
  };
  void run();
  // Proxies such as nginx would otherwise hold the lines back until the end.
  return reply.type('application/x-ndjson; charset=utf-8').header('x-accel-buffering', 'no').send(stream);
}
