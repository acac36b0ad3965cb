import type pg from "pg";

// COPY … FROM STDIN over an ordinary pg client, without pg-copy-streams: a Submittable that
// answers the server's CopyInResponse with the prepared text and then CopyDone. COPY is the
// fastest way into PostgreSQL (no per-row statement, no array literal to parse); the methods
// used are the pg Connection's own copy messages, the same ones pg-copy-streams drives.

type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

const CHUNK = 256 * 1024;

class CopyFromText implements pg.Submittable {
  private rowCount = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly payload: Buffer,
    private readonly done: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (let offset = 0; offset < this.payload.length; offset += CHUNK) connection.sendCopyFromChunk(this.payload.subarray(offset, offset + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/(\d+)$/.exec(message.text ?? "")?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.done(null, this.rowCount);
  }

  handleError(error: Error): void {
    // pg drops the query after an error, so ReadyForQuery never reaches us: finish here.
    this.failed = true;
    this.done(error, 0);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Escapes one value for COPY's text format; null becomes \N. */
export function copyValue(value: string | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : value;
}

/** Runs `COPY table (…) FROM STDIN` with rows already in COPY text format; resolves with the row count. */
export function copyIn(client: pg.ClientBase, copyStatement: string, rows: readonly string[]): Promise<number> {
  const payload = Buffer.from(rows.length ? rows.join("\n") + "\n" : "", "utf8");
  return new Promise((resolve, reject) => {
    client.query(new CopyFromText(copyStatement, payload, (error, count) => (error ? reject(error) : resolve(count))));
  });
}
