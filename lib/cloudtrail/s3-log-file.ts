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

export type LogFile = { path: string; sha256: string; records: unknown[]; account: string | null; region: string | null };

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

/** Reads, unzips and checks one log file; `sha256` is of the bytes as stored, so a re-delivered copy is recognised. */
export async function readLogFile(filePath: string): Promise<LogFile> {
  const bytes = await readFile(filePath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let text: string;
  try {
    // gzip starts with 1f 8b; a plain .json (an unpacked copy) is read as it is.
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzipAsync(bytes) : bytes).toString("utf8");
  } catch (error) {
    throw new LogFileError(filePath, `not a readable gzip file (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LogFileError(filePath, "not JSON");
  }
  const parsed = logFileSchema.safeParse(json);
  if (!parsed.success) throw new LogFileError(filePath, 'not a CloudTrail log file (expected {"Records": [...]})');
  return { path: filePath, sha256, records: parsed.data.Records, ...locationOf(filePath) };
}
