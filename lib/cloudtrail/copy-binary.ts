// Rows in COPY's binary format, written straight into CopyData messages. Binary spares
// PostgreSQL the parsing of every value: reading a tsvector literal alone (tsvectorin, with
// its per-character locale checks) was a quarter of its time per event, timestamps a few
// percent more. The layouts are PostgreSQL's send/receive formats
// (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4); strings go as
// UTF-8, the client encoding pg sets.

const CHUNK = 256 * 1024;
/** A CopyData message starts with "d" and a 32-bit length that counts itself. */
const HEADER = 5;
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;
const UINT32 = 0x1_0000_0000;

// Message buffers are reused once the socket has sent them (see copy-in.ts), rather than
// handing V8 megabytes of new buffers per batch, which set off full garbage collections.
const spareChunks: Buffer[] = [];

export function giveBack(chunk: Buffer): void {
  if (chunk.length === CHUNK && spareChunks.length < 16) spareChunks.push(chunk);
}

export type Message = { chunk: Buffer; message: Buffer };

/**
 * Writes a string as UTF-8 at `at`, returning the byte count. Short ASCII strings (most
 * values, every search word) are copied by hand: a Buffer.write call costs more than they do.
 */
function writeUtf8(chunk: Buffer, value: string, at: number): number {
  if (value.length > 32) return chunk.write(value, at, "utf8");
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) return chunk.write(value, at, "utf8");
    chunk[at + i] = c;
  }
  return value.length;
}

/** Writes fields of binary COPY tuples; a tuple may span CopyData messages, which the protocol allows. */
export class BinaryRowWriter {
  readonly done: Message[] = [];
  private chunk: Buffer | null = null;
  private used = 0;

  /** Makes room for `bytes` more in the current message, starting a new one if needed. */
  private room(bytes: number): Buffer {
    if (!this.chunk || this.used + bytes > this.chunk.length) {
      this.finish();
      const size = HEADER + bytes;
      this.chunk = size <= CHUNK ? (spareChunks.pop() ?? Buffer.allocUnsafe(CHUNK)) : Buffer.allocUnsafe(size);
      this.used = HEADER;
    }
    return this.chunk;
  }

  /** Closes the current message, if it holds anything. */
  finish(): void {
    if (!this.chunk || this.used === HEADER) return;
    this.chunk[0] = 0x64; // "d"
    this.chunk.writeInt32BE(this.used - 1, 1);
    this.done.push({ chunk: this.chunk, message: this.chunk.subarray(0, this.used) });
    this.chunk = null;
  }

  signature(): void {
    const chunk = this.room(SIGNATURE.length + 8);
    this.used += SIGNATURE.copy(chunk, this.used);
    this.used = chunk.writeInt32BE(0, chunk.writeInt32BE(0, this.used)); // flags, header extension
  }

  int16(value: number): void {
    this.used = this.room(2).writeInt16BE(value, this.used);
  }

  null(): void {
    this.used = this.room(4).writeInt32BE(-1, this.used);
  }

  text(value: string | null): void {
    if (value === null) return this.null();
    const chunk = this.room(4 + value.length * 3); // UTF-8 takes at most 3 bytes per UTF-16 code unit
    const bytes = writeUtf8(chunk, value, this.used + 4);
    chunk.writeInt32BE(bytes, this.used);
    this.used += 4 + bytes;
  }

  /** A value already in its binary form (text and json: UTF-8 bytes). */
  bytes(value: Uint8Array): void {
    const chunk = this.room(4 + value.length);
    chunk.writeInt32BE(value.length, this.used);
    chunk.set(value, this.used + 4);
    this.used += 4 + value.length;
  }

  /** jsonb: a format version (1), then the JSON text. */
  jsonb(json: string): void {
    const chunk = this.room(5 + json.length * 3);
    const bytes = chunk.write(json, this.used + 5, "utf8");
    chunk.writeInt32BE(bytes + 1, this.used);
    chunk[this.used + 4] = 1;
    this.used += 5 + bytes;
  }

  bool(value: boolean | null): void {
    if (value === null) return this.null();
    const chunk = this.room(5);
    chunk.writeInt32BE(1, this.used);
    chunk[this.used + 4] = value ? 1 : 0;
    this.used += 5;
  }

  /** timestamptz: microseconds since 2000-01-01 UTC, as a 64-bit integer. */
  timestamptz(time: Date): void {
    const micros = (time.getTime() - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / UINT32);
    const chunk = this.room(12);
    chunk.writeInt32BE(8, this.used);
    chunk.writeInt32BE(high, this.used + 4);
    this.used = chunk.writeUInt32BE(micros - high * UINT32, this.used + 8);
  }

  /**
   * tsvector: its words, each with its positions (one as a number, several or none as an
   * array). Words must be distinct (PostgreSQL sorts them); at most 256 positions per word,
   * each 1–16383, increasing.
   */
  tsvector(vector: ReadonlyMap<string, number | readonly number[]>): void {
    let size = 4;
    for (const [word, positions] of vector) size += word.length * 3 + 3 + 2 * (typeof positions === "number" ? 1 : positions.length);
    const chunk = this.room(4 + size);
    const start = this.used;
    let at = chunk.writeInt32BE(vector.size, start + 4);
    for (const [word, positions] of vector) {
      at += writeUtf8(chunk, word, at);
      chunk[at++] = 0;
      if (typeof positions === "number") {
        chunk[at++] = 0;
        chunk[at++] = 1;
        chunk[at++] = positions >> 8;
        chunk[at++] = positions & 0xff;
        continue;
      }
      chunk[at++] = positions.length >> 8;
      chunk[at++] = positions.length & 0xff;
      for (const position of positions) {
        chunk[at++] = position >> 8;
        chunk[at++] = position & 0xff;
      }
    }
    chunk.writeInt32BE(at - start - 4, start);
    this.used = at;
  }
}
