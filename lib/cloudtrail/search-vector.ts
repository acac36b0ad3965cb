// Pure: full-text search over CloudTrail events, tokenized here rather than by PostgreSQL.
// The stored tsvector and the tsquery of what a user types are both built by this module,
// so the two sides always split into the same words. to_tsvector was the largest single cost
// of ingest (about a fifth of PostgreSQL's time per event); reading a ready tsvector is
// several times cheaper.
//
// A word is a run of letters, digits and "_", lowercased, and dots between them join (hosts,
// IP addresses, versions stay one word, as PostgreSQL's own parser keeps them). Everything
// else separates words, so "alice" finds arn:aws:iam::1:user/alice, and a value typed in
// full ("us-east-1", an ARN) is searched as the phrase of its words. A UUID that starts a
// word loses its hyphens, so an event or request id is one word, not five.

/** Longer words are cut to this many characters, in documents and queries alike. */
const MAX_WORD = 100;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95; // after lowercasing
const isHex = (c: number) => (c >= 97 && c <= 102) || (c >= 48 && c <= 57);

/** The length (1 or 2 code units) of the word character at `i`, or 0 if there is none. */
function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80 || Number.isNaN(c)) return isAsciiWordChar(c) ? 1 : 0;
  const point = s.codePointAt(i) as number;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0;
}

/** Whether a lowercase UUID (8-4-4-4-12 hex digits) starts at `i` and ends before a non-word character. */
function uuidAt(s: string, i: number): boolean {
  if (s.length < i + 36 || s.charCodeAt(i + 8) !== 45 || wordCharAt(s, i + 36)) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) return false;
  }
  return true;
}

/**
 * Calls `take` with each word of one value, as both the index and the query see them. This
 * runs for every value of every event at ingest, so it is a hand-written scan: ASCII
 * characters (nearly all of CloudTrail) are classified without a regular expression.
 */
export function forEachSearchWord(value: string, take: (word: string) => void): void {
  const s = value.toLowerCase();
  let start = -1;
  for (let i = 0; i < s.length; ) {
    const width = wordCharAt(s, i);
    if (width) {
      if (start < 0 && uuidAt(s, i)) {
        take(s.slice(i, i + 8) + s.slice(i + 9, i + 13) + s.slice(i + 14, i + 18) + s.slice(i + 19, i + 23) + s.slice(i + 24, i + 36));
        i += 36;
        continue;
      }
      if (start < 0) start = i;
      i += width;
    } else if (start >= 0 && s.charCodeAt(i) === 46 && wordCharAt(s, i + 1)) {
      i++; // a dot between word characters
    } else {
      if (start >= 0) take(s.slice(start, Math.min(i, start + MAX_WORD)));
      start = -1;
      i++;
    }
  }
  if (start >= 0) take(s.slice(start, Math.min(s.length, start + MAX_WORD)));
}

/** The words of one value, as both the index and the query see them. */
export function searchWordsOf(value: string): string[] {
  const words: string[] = [];
  forEachSearchWord(value, (word) => words.push(word));
  return words;
}

// Fields that are the same on every event or only describe the transport, and the time (a
// filter of its own): left out, since every word costs an index entry at ingest.
const SKIPPED_KEYS = new Set(["eventVersion", "eventTime", "eventType", "managementEvent", "eventCategory", "tlsDetails", "creationDate", "mfaAuthenticated", "sessionCredentialFromConsole"]);

// Read first, so a huge requestParameters (a policy document) cut at the limit never costs
// an event its id, its request id or who did it.
const FIRST_KEYS = ["eventID", "requestID", "eventName", "eventSource", "awsRegion", "userIdentity", "sourceIPAddress", "errorCode", "errorMessage", "resources"];

/** A record's words, each once, in order of first appearance, with its positions (1-based, in reading order). */
export type SearchVector = Map<string, number[]>;

// tsvector's limits: 256 positions per word, positions up to 16383.
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

class VectorBuilder {
  readonly positions = new Map<string, number[]>();
  private next = 1;
  private budget: number;

  constructor(limit: number) {
    this.budget = limit;
  }

  private readonly take = (word: string): void => {
    if ((this.budget -= word.length + 1) < 0 || this.next > MAX_POSITION) return;
    const known = this.positions.get(word);
    if (!known) this.positions.set(word, [this.next++]);
    else if (known.length < MAX_POSITIONS) known.push(this.next++);
    else this.next++;
  };

  visit(value: unknown, depth: number): void {
    if (value === null || value === undefined || depth > 12 || this.budget <= 0) return;
    if (typeof value === "string") forEachSearchWord(value, this.take);
    else if (typeof value === "number") forEachSearchWord(String(value), this.take);
    else if (Array.isArray(value)) for (const item of value) this.visit(item, depth + 1);
    else if (typeof value === "object") for (const key in value) if (!SKIPPED_KEYS.has(key)) this.visit((value as Record<string, unknown>)[key], depth + 1);
  }
}

/**
 * The searchable words of a record (or any JSON value), at most `limit` characters of them,
 * each once with its positions. Not sorted: PostgreSQL sorts a tsvector's words as it reads
 * them, in C, faster than they could be sorted here.
 */
export function searchVectorOf(record: unknown, limit = 4000): SearchVector {
  const builder = new VectorBuilder(limit);
  if (typeof record === "object" && record !== null && !Array.isArray(record)) {
    const fields = record as Record<string, unknown>;
    for (const key of FIRST_KEYS) builder.visit(fields[key], 1);
    for (const key in fields) if (!FIRST_KEYS.includes(key) && !SKIPPED_KEYS.has(key)) builder.visit(fields[key], 1);
  } else {
    builder.visit(record, 0);
  }
  return builder.positions;
}

// Filters on values that are few or rare (account, region, event source, resource name or
// ARN, resource type) use the same vector, and its one GIN index, through terms of their own,
// "<filter>:<value>", exact and case-sensitive: a btree per filter cost several times more at
// ingest. Words never hold ":", so a typed query never meets a term. Event name and actor keep
// their btrees, which serve "newest first" for any value.
export type TermFilter = "account" | "region" | "source" | "resource" | "type";

/** tsvector's limit on one lexeme; a longer value (a 2 KB ARN) gets no term and no filter. */
const MAX_TERM_BYTES = 2047;

/** Adds a filter's term to a vector, without positions (terms are never phrases). */
export function addFilterTerm(vector: SearchVector, filter: TermFilter, value: string | null): void {
  if (!value) return;
  const term = `${filter}:${value}`;
  if (term.length * 3 <= MAX_TERM_BYTES || Buffer.byteLength(term) <= MAX_TERM_BYTES) vector.set(term, []);
}

/** A tsquery literal matching a filter's term for a value. */
export function filterTermQuery(filter: TermFilter, value: string): string {
  return `'${`${filter}:${value}`.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** A tsquery literal matching the value's words in order (a phrase), or null if it has none. */
export function searchPhraseOf(value: string): string | null {
  const words = searchWordsOf(value);
  return words.length ? words.map((w) => `'${w}'`).join(" <-> ") : null;
}

/**
 * What a user types, as a tsquery literal with websearch_to_tsquery's rules: words must all
 * appear, "quoted text" is a phrase, `or` between two terms accepts either, a leading `-`
 * excludes. A term of several words (an ARN, "us-east-1") is the phrase of its words.
 * Null when the query holds no word at all.
 */
export function searchQueryOf(query: string): string | null {
  let out = "";
  let or = false;
  for (const [, minus, quoted, bare] of query.matchAll(/(-?)(?:"([^"]*)"?|([^\s"]+))/g)) {
    if (bare !== undefined && !minus && bare.toLowerCase() === "or") {
      or = out !== "";
      continue;
    }
    const phrase = searchPhraseOf(quoted ?? bare ?? "");
    if (!phrase) continue;
    const term = minus ? `!(${phrase})` : `(${phrase})`;
    out += out ? `${or ? " | " : " & "}${term}` : term;
    or = false;
  }
  return out || null;
}
