import { createHash } from "node:crypto";

// LookupEvents' NextToken: where the previous page stopped, plus a fingerprint of the query it
// belongs to. CloudTrail only honours a token together with the parameters it was issued
// for, so a token replayed with a different filter or window is InvalidNextTokenException.

export interface Cursor {
  time: number;
  eventId: string;
}

export function fingerprint(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 22);
}

export function encodeToken(query: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ q: query, t: cursor.time, e: cursor.eventId })).toString("base64url");
}

/** The cursor, or undefined when the token is malformed or belongs to another query. */
export function decodeToken(token: string, query: string): Cursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return undefined;
    const { q, t, e } = value as Record<string, unknown>;
    if (q !== query || typeof t !== "number" || typeof e !== "string") return undefined;
    return { time: t, eventId: e };
  } catch {
    return undefined;
  }
}
