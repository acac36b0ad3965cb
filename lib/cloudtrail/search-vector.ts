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

/** Receives the words of values (an object, not a callback: no closure per event at ingest). */
export type WordSink = { word(word: string): void };

/**
 * Gives `sink` each word of one value, as both the index and the query see them. This runs
 * for every value of every event at ingest, so it is a hand-written scan: ASCII characters
 * (nearly all of CloudTrail) are classified without a regular expression.
 */
export function forEachSearchWord(value: string, sink: WordSink): void {
  const s = value.toLowerCase();
  let start = -1;
  for (let i = 0; i < s.length; ) {
    const width = wordCharAt(s, i);
    if (width) {
      if (start < 0 && uuidAt(s, i)) {
        sink.word(s.slice(i, i + 8) + s.slice(i + 9, i + 13) + s.slice(i + 14, i + 18) + s.slice(i + 19, i + 23) + s.slice(i + 24, i + 36));
        i += 36;
        continue;
      }
      if (start < 0) start = i;
      i += width;
    } else if (start >= 0 && s.charCodeAt(i) === 46 && wordCharAt(s, i + 1)) {
      i++; // a dot between word characters
    } else {
      if (start >= 0) sink.word(s.slice(start, Math.min(i, start + MAX_WORD)));
      start = -1;
      i++;
    }
  }
  if (start >= 0) sink.word(s.slice(start, Math.min(s.length, start + MAX_WORD)));
}

/** The words of one value, as both the index and the query see them. */
export function searchWordsOf(value: string): string[] {
  const words: string[] = [];
  forEachSearchWord(value, { word: (word) => words.push(word) });
  return words;
}

// Fields that are the same on every event or only describe the transport, and the time (a
// filter of its own): left out, since every word costs an index entry at ingest.
const SKIPPED_KEYS = new Set(["eventVersion", "eventTime", "eventType", "managementEvent", "eventCategory", "tlsDetails", "creationDate", "mfaAuthenticated", "sessionCredentialFromConsole"]);

// Read first, so a huge requestParameters (a policy document) cut at the limit never costs
// an event its id, its request id or who did it.
const FIRST_KEYS = ["eventID", "requestID", "eventName", "eventSource", "awsRegion", "userIdentity", "sourceIPAddress", "errorCode", "errorMessage", "resources"];
const READ_FIRST_OR_SKIPPED = new Set([...FIRST_KEYS, ...SKIPPED_KEYS]);

/**
 * A record's words, each once, in order of first appearance, with its positions (1-based, in
 * reading order): a number for a word seen once (most), so no array is made for it.
 */
export type SearchVector = Map<string, number | number[]>;

// Identifiers: request and event ids, access keys, tokens, resource ids. Nearly every one is
// new, and a new word in the GIN index is a new entry in a tree that keeps growing: the ~4
// identifiers of an event cost PostgreSQL more than its 30 other words together (dropping them
// took ingest from 55 to 35 µs of PostgreSQL per event). So an identifier is not a word of the
// vector. In its place, at its position, go two "sketch" terms of a few hundred values each
// ("#" and its last two characters, "%" and the two before), which the index appends to like
// any common word; and the identifier itself goes in the row's `identifiers` text, which
// decides. A search for one finds the rows holding both its sketch terms (about one in 65,000
// per identifier of the row) and keeps those whose identifiers hold it.

/**
 * An identifier: at least this long, only ASCII letters and digits, with a digit in it. Host
 * names and versions (dots: "s3.amazonaws.com") and names with "_" are words, however long.
 */
const IDENTIFIER_LENGTH = 16;

export function isIdentifier(word: string): boolean {
  if (word.length < IDENTIFIER_LENGTH) return false;
  let digit = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c < 97 || c > 122) return false;
  }
  return digit;
}

/** The two sketch terms that stand for an identifier in the vector (and the GIN index). */
export function sketchTermsOf(identifier: string): [string, string] {
  const n = identifier.length;
  return [`#${identifier.slice(n - 2)}`, `%${identifier.slice(n - 4, n - 2)}`];
}

/** What ingest stores for full-text search: the vector, and the identifiers it sketches. */
export type SearchDocument = { vector: SearchVector; identifiers: Set<string> };

/** The identifiers column: each once, between spaces, so " <identifier> " finds one exactly. */
export function identifiersText(identifiers: ReadonlySet<string>): string {
  return identifiers.size ? ` ${[...identifiers].join(" ")} ` : "";
}

// tsvector's limits: 256 positions per word, positions up to 16383.
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

class VectorBuilder implements WordSink {
  readonly positions: SearchVector = new Map();
  readonly identifiers = new Set<string>();
  private next = 1;
  private budget: number;

  constructor(limit: number) {
    this.budget = limit;
  }

  private at(term: string, position: number): void {
    const known = this.positions.get(term);
    if (known === undefined) this.positions.set(term, position);
    else if (typeof known === "number") this.positions.set(term, [known, position]);
    else if (known.length < MAX_POSITIONS) known.push(position);
  }

  word(word: string): void {
    if ((this.budget -= word.length + 1) < 0 || this.next > MAX_POSITION) return;
    const position = this.next++;
    if (isIdentifier(word)) {
      this.identifiers.add(word);
      const [last, before] = sketchTermsOf(word);
      this.at(last, position);
      this.at(before, position);
    } else {
      this.at(word, position);
    }
  }

  visit(value: unknown, depth: number): void {
    if (value === null || value === undefined || depth > 12 || this.budget <= 0) return;
    if (typeof value === "string" || typeof value === "number") {
      forEachSearchWord(typeof value === "string" ? value : String(value), this);
    } else if (Array.isArray(value)) {
      for (const item of value) this.visit(item, depth + 1);
    } else if (typeof value === "object") {
      for (const key in value) if (!SKIPPED_KEYS.has(key)) this.visit((value as Record<string, unknown>)[key], depth + 1);
    }
  }
}

/**
 * The searchable words of a record (or any JSON value), at most `limit` characters of them,
 * each once with its positions, identifiers sketched. Not sorted: PostgreSQL sorts a
 * tsvector's words as it reads them, in C, faster than they could be sorted here.
 */
export function searchDocumentOf(record: unknown, limit = 4000): SearchDocument {
  const builder = new VectorBuilder(limit);
  if (typeof record === "object" && record !== null && !Array.isArray(record)) {
    const fields = record as Record<string, unknown>;
    for (const key of FIRST_KEYS) builder.visit(fields[key], 1);
    for (const key in fields) if (!READ_FIRST_OR_SKIPPED.has(key)) builder.visit(fields[key], 1);
  } else {
    builder.visit(record, 0);
  }
  return { vector: builder.positions, identifiers: builder.identifiers };
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

/**
 * A phrase as the index sees it: `tsquery` matches its words in order, each identifier by
 * its sketch terms; the row's identifiers must also hold every one of `identifiers`.
 */
export type PhraseQuery = { tsquery: string; identifiers: string[] };

/** The phrase of the value's words, or null if it has none. */
export function searchPhraseOf(value: string): PhraseQuery | null {
  const words = searchWordsOf(value);
  if (!words.length) return null;
  const identifiers: string[] = [];
  const sketches: string[] = [];
  const phrase = words.map((word) => {
    if (!isIdentifier(word)) return `'${word}'`;
    const [last, before] = sketchTermsOf(word);
    identifiers.push(word);
    sketches.push(`'${before}'`);
    return `'${last}'`;
  });
  // The phrase places each identifier by its last sketch term; the other must be there too.
  return { tsquery: [`(${phrase.join(" <-> ")})`, ...new Set(sketches)].join(" & "), identifiers: [...new Set(identifiers)] };
}

/** One term of what a user types: a phrase that must (or, negated, must not) appear. */
export type SearchTerm = { negated: boolean; phrase: PhraseQuery };

/**
 * What a user types, with websearch_to_tsquery's rules: words must all appear, "quoted text"
 * is a phrase, `or` between two terms accepts either (binding looser than the implied "and",
 * as in PostgreSQL: `a or b c` is a, or b and c), a leading `-` excludes. A term of several
 * words (an ARN, "us-east-1") is the phrase of its words. Returned as alternatives, each a
 * list of terms that must all hold; null when the query holds no word at all.
 */
export function searchQueryOf(query: string): SearchTerm[][] | null {
  const alternatives: SearchTerm[][] = [];
  let current: SearchTerm[] = [];
  let or = false;
  for (const [, minus, quoted, bare] of query.matchAll(/(-?)(?:"([^"]*)"?|([^\s"]+))/g)) {
    if (bare !== undefined && !minus && bare.toLowerCase() === "or") {
      or = current.length > 0 || alternatives.length > 0;
      continue;
    }
    const phrase = searchPhraseOf(quoted ?? bare ?? "");
    if (!phrase) continue;
    if (or && current.length) {
      alternatives.push(current);
      current = [];
    }
    current.push({ negated: Boolean(minus), phrase });
    or = false;
  }
  if (current.length) alternatives.push(current);
  return alternatives.length ? alternatives : null;
}
