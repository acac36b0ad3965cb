// Pure: RFC 4180 CSV with protection against CSV (formula) injection. A spreadsheet runs a
// cell that starts with = + - @ (or a tab / carriage return before one) as a formula, and
// CloudTrail values are attacker-controlled: a user agent or a resource name can be
// "=HYPERLINK(…)". Such cells get a leading apostrophe, which spreadsheets show as text;
// the value is otherwise unchanged, and the JSON export keeps it verbatim.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
