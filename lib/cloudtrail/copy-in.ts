import type pg from "pg";
import { BinaryRowWriter, giveBack, type Message } from "./copy-binary";

// COPY … FROM STDIN (FORMAT binary) over an ordinary pg client, without pg-copy-streams: a
// Submittable that answers the server's CopyInResponse with the rows and then CopyDone. COPY
// is the fastest way into PostgreSQL (no per-row statement); the messages are the ones pg's
// Connection and pg-copy-streams send.
//
// Rows are encoded while the COPY runs and sent a message at a time, so PostgreSQL inserts
// the first rows while the last are still being made: with two cores, encoding the whole
// batch first left the database idle for a third of the time. Each message goes to the
// socket as it is (pg would copy it into a message of its own) and its buffer is reused once
// sent.

type CopyConnection = pg.Connection & {
  stream: { write(chunk: Buffer, done: () => void): boolean };
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

/** Items as binary COPY data: the signature, one tuple per item, the trailer. */
class CopyEncoder<T> {
  private readonly writer = new BinaryRowWriter();
  private next = 0;
  private ended = false;

  constructor(
    private readonly items: readonly T[],
    private readonly writeRow: (writer: BinaryRowWriter, item: T) => void,
  ) {
    this.writer.signature();
  }

  /** The next messages ready to send (at least one), or none once everything is out. */
  messages(): Message[] {
    const writer = this.writer;
    while (!writer.done.length && !this.ended) {
      if (this.next < this.items.length) {
        this.writeRow(writer, this.items[this.next++] as T);
      } else {
        writer.int16(-1);
        writer.finish();
        this.ended = true;
      }
    }
    return writer.done.splice(0);
  }
}

class CopyFromBinary implements pg.Submittable {
  private rowCount = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly encoder: CopyEncoder<unknown>,
    private readonly done: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.send(connection);
  }

  private async send(connection: CopyConnection): Promise<void> {
    try {
      // After an error the server ignores data until CopyDone: stop making it.
      for (let ready = this.encoder.messages(); ready.length && !this.failed; ready = this.encoder.messages()) {
        for (const { chunk, message } of ready) connection.stream.write(message, () => giveBack(chunk));
        await new Promise((resolve) => setImmediate(resolve)); // let replies and the other writers in
      }
      connection.endCopyFrom();
    } catch (error) {
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.done(error, 0);
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/(\d+)$/.exec(message.text ?? "")?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.done(null, this.rowCount);
  }

  handleError(error: Error): void {
    // pg drops the query after an error, so ReadyForQuery never reaches us: finish here.
    this.fail(error);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * Runs `COPY table (…) FROM STDIN (FORMAT binary)`, `writeRow` writing one tuple per item
 * (its field count, then each field in the statement's column order); resolves with the
 * row count.
 */
export function copyIn<T>(client: pg.ClientBase, copyStatement: string, items: readonly T[], writeRow: (writer: BinaryRowWriter, item: T) => void): Promise<number> {
  const encoder = new CopyEncoder(items, writeRow) as CopyEncoder<unknown>;
  return new Promise((resolve, reject) => {
    client.query(new CopyFromBinary(copyStatement, encoder, (error, count) => (error ? reject(error) : resolve(count))));
  });
}
