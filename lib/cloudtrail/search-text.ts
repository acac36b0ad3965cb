// Pure: what a user types, prepared for PostgreSQL's own text-search parser, which indexes
// audit entries (history_search_text in 003.do.history.sql applies the same treatment to
// their JSON in SQL). CloudTrail events are tokenized by lib/cloudtrail/search-vector.ts
// instead, on both sides. Two adjustments make the parser's words match the documents':
//   - ARN, path and URL separators become spaces, so "alice" finds …:user/alice;
//   - UUIDs lose their hyphens, so a request id is one word, not six.

const UUID = /\b([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\b/g;
const SEPARATORS = /[/:#=?&@,;|\\"'()[\]{}<>]+/g;

const HAS_SEPARATOR = /[/:#=?&@,;|\\"'()[\]{}<>]/;

/** One value's words as the audit index sees them. */
export function searchWords(value: string): string {
  // The cheap tests first: most values hold neither a UUID nor a separator.
  const collapsed = value.length >= 36 && value.includes("-") ? value.replace(UUID, "$1$2$3$4$5") : value;
  return HAS_SEPARATOR.test(collapsed) ? collapsed.replace(SEPARATORS, " ").trim() : collapsed.trim();
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
