import { z } from "zod";
import type { BackgroundHistory } from "./background";
import { decodeToken, encodeToken, fingerprint, type Cursor } from "./next-token";
import type { TrailRecorder } from "./recorder";
import { newerFirst, type TrailEvent } from "./trail-event";

// CloudTrail LookupEvents over the region's event history (the recorded Route 53 calls plus
// the seeded background): one lookup attribute at most, a time window inside the last 90
// days, 1–50 results per page, newest first, and NextToken bound to the query.

export class CloudTrailError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const HISTORY_MS = 90 * 24 * 3600 * 1000;
const ATTRIBUTE_KEYS = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"] as const;

const requestSchema = z.object({
  LookupAttributes: z.array(z.object({ AttributeKey: z.string(), AttributeValue: z.string() })).optional(),
  StartTime: z.number().optional(),
  EndTime: z.number().optional(),
  EventCategory: z.string().optional(),
  MaxResults: z.number().optional(),
  NextToken: z.string().optional(),
});

export interface LookupContext {
  region: string;
  now: number;
  recorder: TrailRecorder;
  background: BackgroundHistory;
}

export function lookupEvents(raw: unknown, context: LookupContext) {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) throw new CloudTrailError("SerializationException", "Start of structure or map found where not expected.");
  const input = parsed.data;

  const attributes = input.LookupAttributes ?? [];
  if (attributes.length > 1) throw new CloudTrailError("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
  const attribute = attributes[0];
  if (attribute && !(ATTRIBUTE_KEYS as readonly string[]).includes(attribute.AttributeKey)) {
    throw new CloudTrailError("InvalidLookupAttributesException", `Invalid AttributeKey: ${attribute.AttributeKey}. Valid keys are ${ATTRIBUTE_KEYS.join(", ")}.`);
  }
  if (attribute && (attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > 2000)) {
    throw new CloudTrailError("InvalidLookupAttributesException", "AttributeValue must be 1 to 2000 characters long.");
  }
  const maxResults = input.MaxResults ?? 50;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw new CloudTrailError("InvalidMaxResultsException", "MaxResults must be a number from 1 to 50.");
  }
  if (input.EventCategory !== undefined && input.EventCategory !== "insight") {
    throw new CloudTrailError("InvalidEventCategoryException", `Invalid EventCategory: ${input.EventCategory}. The only valid value is insight.`);
  }
  const start = input.StartTime === undefined ? undefined : input.StartTime * 1000;
  const end = input.EndTime === undefined ? undefined : input.EndTime * 1000;
  if (start !== undefined && end !== undefined && start > end) {
    throw new CloudTrailError("InvalidTimeRangeException", "The start time must be before the end time.");
  }
  if ((end !== undefined && end < context.now - HISTORY_MS) || (start !== undefined && start > context.now)) {
    throw new CloudTrailError("InvalidTimeRangeException", "The time range is outside the last 90 days of event history.");
  }

  const query = fingerprint({ r: context.region, a: attribute ?? null, s: input.StartTime ?? null, e: input.EndTime ?? null, c: input.EventCategory ?? null });
  let cursor: Cursor | undefined;
  if (input.NextToken !== undefined) {
    cursor = decodeToken(input.NextToken, query);
    if (!cursor) throw new CloudTrailError("InvalidNextTokenException", "Invalid NextToken: it does not belong to this query.");
  }
  // Insight events need CloudTrail Insights, which the sandbox account does not have.
  if (input.EventCategory === "insight") return { Events: [] };

  const from = Math.max(start ?? 0, context.now - HISTORY_MS);
  const to = Math.min(end ?? context.now, context.now);
  const events: TrailEvent[] = [];
  let more = false;
  for (const event of merged(context, from, to)) {
    if (cursor && !after(event, cursor)) continue;
    if (attribute && !matches(event, attribute.AttributeKey, attribute.AttributeValue)) continue;
    if (events.length === maxResults) {
      more = true;
      break;
    }
    events.push(event);
  }
  const last = events[events.length - 1];
  return {
    Events: events.map(toWire),
    NextToken: more && last ? encodeToken(query, { time: last.time, eventId: last.eventId }) : undefined,
  };
}

/** Recorded and background events of the region, merged newest first. */
function* merged(context: LookupContext, from: number, to: number): Generator<TrailEvent> {
  const recorded = context.recorder.eventsIn(context.region).filter((e) => e.time >= from && e.time <= to).sort(newerFirst);
  let i = 0;
  for (const event of context.background.newestFirst(context.region, from, to)) {
    while (i < recorded.length && newerFirst(recorded[i] as TrailEvent, event) <= 0) yield recorded[i++] as TrailEvent;
    yield event;
  }
  while (i < recorded.length) yield recorded[i++] as TrailEvent;
}

function after(event: TrailEvent, cursor: Cursor): boolean {
  return event.time < cursor.time || (event.time === cursor.time && event.eventId < cursor.eventId);
}

function matches(event: TrailEvent, key: string, value: string): boolean {
  switch (key) {
    case "EventId":
      return event.eventId === value;
    case "EventName":
      return event.eventName === value;
    case "ReadOnly":
      return String(event.readOnly) === value;
    case "Username":
      return event.username === value;
    case "ResourceType":
      return event.resources.some((r) => r.ResourceType === value);
    case "ResourceName":
      return event.resources.some((r) => r.ResourceName === value);
    case "EventSource":
      return event.eventSource === value;
    case "AccessKeyId":
      return event.accessKeyId === value;
    default:
      return false;
  }
}

function toWire(event: TrailEvent) {
  return {
    EventId: event.eventId,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly),
    AccessKeyId: event.accessKeyId,
    EventTime: event.time / 1000,
    EventSource: event.eventSource,
    Username: event.username,
    Resources: event.resources,
    CloudTrailEvent: JSON.stringify(event.record),
  };
}
