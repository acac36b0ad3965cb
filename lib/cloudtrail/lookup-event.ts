import type { Event } from "@aws-sdk/client-cloudtrail";
import { normalizeRecord, type NormalizeResult } from "./normalize-event";

// LookupEvents returns each event twice over: a few top-level fields, and the full record as
// the CloudTrailEvent JSON string. The record is the truth; the top-level fields fill in what
// a record lacks (LookupEvents' Resources and Username are derived by CloudTrail, not copied).

function parseRecord(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The record of a LookupEvents event, rebuilt from its top-level fields when CloudTrailEvent is missing or unreadable. */
export function recordOfLookupEvent(event: Event): Record<string, unknown> {
  const record = parseRecord(event.CloudTrailEvent);
  if (record) return record;
  return {
    eventID: event.EventId,
    eventTime: event.EventTime?.toISOString(),
    eventSource: event.EventSource,
    eventName: event.EventName,
    readOnly: event.ReadOnly,
    ...(event.AccessKeyId ? { userIdentity: { accessKeyId: event.AccessKeyId, userName: event.Username } } : {}),
  };
}

export function normalizeLookupEvent(event: Event, target: { accountId: string; region: string }): NormalizeResult {
  return normalizeRecord(recordOfLookupEvent(event), {
    origin: "lookup",
    accountId: target.accountId,
    region: target.region,
    username: event.Username ?? null,
    resources: event.Resources ?? [],
  });
}
