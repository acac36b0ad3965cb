// Pure: the text full-text search indexes for an event, and the same treatment for what a
// user types, so both sides split into the same words. It is every value of the record
// (no keys), with three adjustments that keep search useful and the index small:
//   - ARN, path and URL separators become spaces, so "alice" finds …:user/alice;
//   - UUIDs lose their hyphens, so an event or request id is one word, not six;
//   - fields that are the same on every event or only describe the transport
//     (eventVersion, eventCategory, tlsDetails, …) and the time are left out.
// Every word costs an entry in the GIN index at ingest, which is what bounds ingest speed.

const SKIPPED_KEYS = new Set(["eventVersion", "eventTime", "eventType", "managementEvent", "eventCategory", "tlsDetails", "creationDate", "mfaAuthenticated", "sessionCredentialFromConsole"]);

const UUID = /\b([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\b/g;
const SEPARATORS = /[/:#=?&@,;|\\"'()[\]{}<>]+/g;

const HAS_SEPARATOR = /[/:#=?&@,;|\\"'()[\]{}<>]/;

/** One value's words as the index sees them. */
export function searchWords(value: string): string {
  // The cheap tests first: most values hold neither a UUID nor a separator (this runs per value at ingest).
  const collapsed = value.length >= 36 && value.includes("-") ? value.replace(UUID, "$1$2$3$4$5") : value;
  return HAS_SEPARATOR.test(collapsed) ? collapsed.replace(SEPARATORS, " ").trim() : collapsed.trim();
}

function collect(value: unknown, out: string[], depth: number): void {
  if (value === null || value === undefined || depth > 12) return;
  if (typeof value === "string") {
    if (value) out.push(searchWords(value));
  } else if (typeof value === "number") {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
  } else if (typeof value === "object") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) if (!SKIPPED_KEYS.has(key)) collect(item, out, depth + 1);
  }
}

// Read first, so a huge requestParameters (a policy document) cut at the limit never costs
// an event its id, its request id or who did it.
const FIRST_KEYS = ["eventID", "requestID", "eventName", "eventSource", "awsRegion", "userIdentity", "sourceIPAddress", "errorCode", "errorMessage", "resources"];

/** The searchable text of a whole record (or any JSON value), at most `limit` characters. */
export function searchTextOf(record: unknown, limit = 4000): string {
  const out: string[] = [];
  if (typeof record === "object" && record !== null && !Array.isArray(record)) {
    const fields = record as Record<string, unknown>;
    for (const key of FIRST_KEYS) collect(fields[key], out, 1);
    for (const [key, value] of Object.entries(fields)) if (!FIRST_KEYS.includes(key) && !SKIPPED_KEYS.has(key)) collect(value, out, 1);
  } else {
    collect(record, out, 0);
  }
  const text = out.filter(Boolean).join(" ");
  return text.length > limit ? text.slice(0, limit) : text;
}

/**
 * A user's query in the same words, keeping what websearch_to_tsquery understands:
 * "quoted phrases", `or`, and a leading `-` to exclude a word.
 */
export function searchQueryText(query: string): string {
  return query
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') && part.endsWith('"') && part.length > 1 ? `"${searchWords(part.slice(1, -1))}"` : part.split(/\s+/).map((w) => (w.startsWith("-") && w.length > 1 ? `-${searchWords(w.slice(1))}` : searchWords(w))).join(" ")))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}
