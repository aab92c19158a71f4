import type { Connection, Submittable } from 'pg';
import type pg from 'pg';

/** The protocol messages of COPY FROM STDIN that pg's Connection sends but does not declare in its types. */
type CopyConnection = { query(text: string): void; sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void };

/**
 * `COPY … FROM STDIN` through a plain pg client, without pg-copy-streams: pg hands a Submittable
 * the protocol messages of its query, so sending the data on CopyInResponse is all it takes.
 */
class CopyIn implements Submittable {
  rows = 0;
  readonly done: Promise<number>;
  private settle!: { resolve(rows: number): void; reject(error: Error): void };

  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: Connection): void {
    (connection as unknown as CopyConnection).query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    const copy = connection as unknown as CopyConnection;
    for (const chunk of this.chunks) copy.sendCopyFromChunk(chunk);
    copy.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(message.text.split(' ')[1] ?? 0);
  }

  handleReadyForQuery(): void {
    this.settle.resolve(this.rows);
  }

  handleError(error: Error): void {
    this.settle.reject(error);
  }
}

/** Streams CSV chunks into a table with COPY and returns the rows the server says it wrote. */
export async function copyCsvInto(client: pg.Client, table: string, columns: readonly string[], chunks: readonly Buffer[]): Promise<number> {
  const copy = new CopyIn(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`, chunks);
  client.query(copy);
  return copy.done;
}
