import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { z } from "zod";

// One CloudTrail log file as the trail delivers it to S3: gzip JSON {"Records": [...]} under
// AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz
// (organisation trails add the organisation id before the account). Digest files, which
// hold hashes rather than events, sit under CloudTrail-Digest/ and are not log files.

// Off the main thread (libuv's pool), so an import's other connections keep being fed meanwhile.
const gunzipAsync = promisify(gunzip);

const logFileSchema = z.object({ Records: z.array(z.unknown()) });

/**
 * `json` holds each record's own JSON text, as bytes of the file, when the file could be
 * split into records (nearly always): storing those bytes spares writing every record out again.
 */
export type LogFile = { path: string; sha256: string; records: unknown[]; json: Uint8Array[] | null; account: string | null; region: string | null };

const IN_PATH = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\//;

/** Account and region from a log file's key, the fallback for records that lack them. */
export function locationOf(filePath: string): { account: string | null; region: string | null } {
  const match = IN_PATH.exec(filePath.split(path.sep).join("/"));
  return { account: match?.[1] ?? null, region: match?.[2] ?? null };
}

export function isLogFileName(filePath: string): boolean {
  const normalized = filePath.split(path.sep).join("/");
  return /\.json(\.gz)?$/i.test(normalized) && !normalized.includes("/CloudTrail-Digest/") && !/_CloudTrail-Digest_/.test(normalized);
}

export class LogFileError extends Error {
  constructor(
    readonly filePath: string,
    message: string,
  ) {
    super(`${filePath}: ${message}`);
    this.name = "LogFileError";
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const RECORDS_KEY = Buffer.from('"Records"');
const ZERO = Buffer.from("0");

/**
 * Where each element of the top-level "Records" array lies in a log file's bytes, as [start,
 * end) pairs, found in one pass; null unless every element is an object and the brackets
 * balance. What lies between the records is checked by parsing it on its own (see readLogFile).
 */
export function recordSpans(bytes: Uint8Array): number[] | null {
  const spans: number[] = [];
  let depth = 0;
  let inRecords = false;
  let start = -1;
  let keyStart = -1; // the last string that started at depth 1
  let keyEnd = -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      if (depth === 2 && inRecords) return null; // a record that is not an object
      const from = i;
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      if (i >= bytes.length) return null;
      if (depth === 1) {
        keyStart = from;
        keyEnd = i + 1;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth === 1 && c === 0x5b) inRecords = keyEnd - keyStart === RECORDS_KEY.length && RECORDS_KEY.equals(bytes.subarray(keyStart, keyEnd));
      else if (depth === 2 && inRecords) {
        if (c !== 0x7b) return null;
        start = i;
      }
      depth++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth < 0) return null;
      if (depth === 2 && inRecords && c === 0x7d) spans.push(start, i + 1);
      else if (depth === 1) inRecords = false;
    } else if (depth === 2 && inRecords && c > 0x20 && c !== 0x2c /* , */) {
      return null; // a record that is not an object
    }
  }
  return depth === 0 ? spans : null;
}

/** The records of a log file split by recordSpans: each parsed, each with its bytes; null when the file needs parsing whole. */
function splitRecords(text: Buffer): { records: unknown[]; json: Uint8Array[] } | null {
  // Bytes that are not UTF-8 could not be stored as they are; parsed, they become U+FFFD.
  if (!isUtf8(text)) return null;
  const spans = recordSpans(text);
  if (!spans) return null;
  // The file with every record replaced by 0 must still be {"Records": [...]}: nothing else
  // may lie between the records.
  const skeleton: Buffer[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    skeleton.push(text.subarray(at, spans[k]), ZERO);
    at = spans[k + 1] as number;
  }
  skeleton.push(text.subarray(at));
  try {
    if (!logFileSchema.safeParse(JSON.parse(Buffer.concat(skeleton).toString("utf8"))).success) return null;
  } catch {
    return null;
  }
  const records: unknown[] = [];
  const json: Uint8Array[] = [];
  for (let k = 0; k < spans.length; k += 2) {
    const bytes = text.subarray(spans[k], spans[k + 1]);
    try {
      records.push(JSON.parse(bytes.toString("utf8")));
    } catch {
      return null;
    }
    json.push(bytes);
  }
  return { records, json };
}

/** Reads, unzips and checks one log file; `sha256` is of the bytes as stored, so a re-delivered copy is recognised. */
export async function readLogFile(filePath: string): Promise<LogFile> {
  const bytes = await readFile(filePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let text: Buffer;
  try {
    // gzip starts with 1f 8b; a plain .json (an unpacked copy) is read as it is.
    text = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzipAsync(bytes) : bytes;
  } catch (error) {
    throw new LogFileError(filePath, `not a readable gzip file (${(error as Error).message})`);
  }
  const split = splitRecords(text);
  if (split) return { path: filePath, sha256, ...split, ...locationOf(filePath) };
  let json: unknown;
  try {
    json = JSON.parse(text.toString("utf8"));
  } catch {
    throw new LogFileError(filePath, "not JSON");
  }
  const parsed = logFileSchema.safeParse(json);
  if (!parsed.success) throw new LogFileError(filePath, 'not a CloudTrail log file (expected {"Records": [...]})');
  return { path: filePath, sha256, records: parsed.data.Records, json: null, ...locationOf(filePath) };
}
