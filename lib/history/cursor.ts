import { AppError } from "@/lib/errors";
import type { HistoryKind } from "./filter";

// Pure: keyset cursors for the merged timeline. The timeline is ordered by time (newest
// first), then CloudTrail before audit entries at the same instant, then id descending,
// so the last item of a page says exactly where the next page starts — no OFFSET, and
// rows arriving meanwhile neither repeat nor go missing across pages.

export type TimelineCursor = { at: Date; kind: HistoryKind; id: string };

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.getTime(), cursor.kind === "cloudtrail" ? "c" : "a", cursor.id])).toString("base64url");
}

export function decodeCursor(token: string): TimelineCursor {
  const invalid = () => new AppError("invalid", "The cursor is not one this API returned; start again without it.", { fieldErrors: { cursor: ["unknown cursor"] } });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== 3) throw invalid();
  const [at, kind, id] = value as unknown[];
  if (typeof at !== "number" || !Number.isFinite(at) || (kind !== "c" && kind !== "a") || typeof id !== "string" || id.length === 0 || id.length > 200) throw invalid();
  if (kind === "a" && !/^\d{1,19}$/.test(id)) throw invalid();
  return { at: new Date(at), kind: kind === "c" ? "cloudtrail" : "audit", id };
}

/** Orders items as the timeline does; used to merge and to check the database agrees. */
export function compareTimeline(a: TimelineCursor, b: TimelineCursor): number {
  if (a.at.getTime() !== b.at.getTime()) return b.at.getTime() - a.at.getTime();
  if (a.kind !== b.kind) return a.kind === "cloudtrail" ? -1 : 1;
  if (a.kind === "audit") return Number(BigInt(b.id) - BigInt(a.id));
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
