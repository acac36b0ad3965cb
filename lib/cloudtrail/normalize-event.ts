import { z } from "zod";
import { actorOf, isPlainUserIdentity, lastSegment, userIdentitySchema } from "./actor";
import { flightdeckRequestIdFrom } from "./request-link";

// Pure: one CloudTrail record (an element of an S3 log file's Records, or the parsed
// CloudTrailEvent string of LookupEvents) → the columns Flightdeck filters on, plus the
// record itself. Both ingest paths go through here, so an event looks the same whichever
// way it arrived. Records are read tolerantly: only eventID, eventTime, eventSource and
// eventName are required; anything else missing becomes null.

export type EventOrigin = "lookup" | "s3";

export type EventResource = { type: string | null; name: string; arn: string | null };

/** Who did it and how it went: the columns every view of an event shares. */
export type EventFacts = {
  actor: string | null;
  actorArn: string | null;
  principalType: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  readOnly: boolean | null;
  errorCode: string | null;
  errorMessage: string | null;
  awsRequestId: string | null;
  flightdeckRequestId: string | null;
  resources: EventResource[];
};

export type NormalizedEvent = EventFacts & {
  eventTime: Date;
  eventId: string;
  accountId: string;
  region: string;
  eventSource: string;
  eventName: string;
  eventType: string | null;
  record: Record<string, unknown>;
  /** The record's JSON text as it came (bytes of a log file), when known; else it is written out from `record`. */
  recordJson: Uint8Array | null;
  origin: EventOrigin;
};

const text = z.string().nullish();

const recordSchema = z.looseObject({
  eventID: z.string().min(1),
  eventTime: z.string().min(1),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  awsRegion: text,
  recipientAccountId: text,
  eventType: text,
  userIdentity: userIdentitySchema.nullish(),
  sourceIPAddress: text,
  userAgent: text,
  readOnly: z.union([z.boolean(), z.string()]).nullish(),
  errorCode: text,
  errorMessage: text,
  requestID: text,
  resources: z.array(z.looseObject({ ARN: text, type: text })).nullish(),
});

type CloudTrailRecord = z.infer<typeof recordSchema>;

const REQUIRED_KEYS = ["eventID", "eventTime", "eventSource", "eventName"] as const;
const TEXT_KEYS = ["awsRegion", "recipientAccountId", "eventType", "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "requestID"] as const;
const isText = (value: unknown): boolean => value === undefined || value === null || typeof value === "string";
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The record itself when it plainly passes recordSchema, checked by hand; otherwise null and
 * the schema decides (and says what is wrong). zod copies every record it parses, which at
 * ingest rates cost more than the rest of normalizing; records are read-only here, so the
 * original serves as well.
 */
function plainRecord(raw: unknown): CloudTrailRecord | null {
  if (!isObject(raw)) return null;
  for (const key of REQUIRED_KEYS) if (typeof raw[key] !== "string" || raw[key] === "") return null;
  for (const key of TEXT_KEYS) if (!isText(raw[key])) return null;
  const { readOnly, userIdentity, resources } = raw;
  if (!(readOnly === undefined || readOnly === null || typeof readOnly === "boolean" || typeof readOnly === "string")) return null;
  if (!(userIdentity === undefined || userIdentity === null || isPlainUserIdentity(userIdentity))) return null;
  if (!(resources === undefined || resources === null || (Array.isArray(resources) && resources.every((r) => isObject(r) && isText(r.ARN) && isText(r.type))))) return null;
  return raw as CloudTrailRecord;
}

export type NormalizeContext = {
  origin: EventOrigin;
  /** The account whose history was read; wins over the record's recipientAccountId. */
  accountId?: string;
  /** Used only when the record names no account (an S3 log file's key does). */
  fallbackAccountId?: string;
  /** Used when the record has no awsRegion. */
  region?: string;
  /** LookupEvents' Username, for records without a userIdentity. */
  username?: string | null;
  /** LookupEvents' Resources, merged with the record's own. */
  resources?: { ResourceType?: string | null; ResourceName?: string | null }[];
  /** The record's JSON text as it came, stored as it is. */
  json?: Uint8Array;
};

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; reason: string };

const present = (value: string | null | undefined): string | null => (value && value.trim() !== "" ? value : null);

function readOnlyOf(value: boolean | string | null | undefined): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

/** Resources from the record (type + ARN) and from LookupEvents (type + name), without repeats. */
export function mergeResources(
  fromRecord: { ARN?: string | null; type?: string | null }[],
  fromLookup: { ResourceType?: string | null; ResourceName?: string | null }[],
): EventResource[] {
  const out: EventResource[] = [];
  const add = (type: string | null, name: string | null, arn: string | null) => {
    if (!name) return;
    const same = out.find((r) => r.type === type && (r.name === name || (arn && r.arn === arn)));
    if (same) same.arn ??= arn;
    else out.push({ type, name, arn });
  };
  for (const r of fromRecord) add(present(r.type), lastSegment(r.ARN), present(r.ARN));
  for (const r of fromLookup) add(present(r.ResourceType), present(r.ResourceName), null);
  return out;
}

function parseRecord(raw: unknown): { ok: true; record: CloudTrailRecord } | { ok: false; reason: string } {
  const plain = plainRecord(raw);
  if (plain) return { ok: true, record: plain };
  const parsed = recordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `not a CloudTrail record (${issue?.path.join(".") || "record"}: ${issue?.message ?? "invalid"})` };
}

export function normalizeRecord(raw: unknown, context: NormalizeContext): NormalizeResult {
  const parsed = parseRecord(raw);
  if (!parsed.ok) return parsed;
  const r = parsed.record;
  const time = Date.parse(r.eventTime);
  if (Number.isNaN(time)) return { ok: false, reason: `eventTime is not a time: ${r.eventTime}` };
  const accountId = present(context.accountId) ?? present(r.recipientAccountId) ?? present(r.userIdentity?.accountId) ?? present(context.fallbackAccountId);
  if (!accountId) return { ok: false, reason: "no account: the record has no recipientAccountId" };
  const region = present(r.awsRegion) ?? present(context.region);
  if (!region) return { ok: false, reason: "no region: the record has no awsRegion" };
  const userAgent = present(r.userAgent);
  return {
    ok: true,
    event: {
      eventTime: new Date(time),
      eventId: r.eventID,
      accountId,
      region,
      eventSource: r.eventSource,
      eventName: r.eventName,
      eventType: present(r.eventType),
      ...actorOf(r.userIdentity, context.username),
      sourceIp: present(r.sourceIPAddress),
      userAgent,
      readOnly: readOnlyOf(r.readOnly),
      errorCode: present(r.errorCode),
      errorMessage: present(r.errorMessage),
      awsRequestId: present(r.requestID),
      flightdeckRequestId: flightdeckRequestIdFrom(userAgent),
      resources: mergeResources(r.resources ?? [], context.resources ?? []),
      record: raw as Record<string, unknown>,
      recordJson: context.json ?? null,
      origin: context.origin,
    },
  };
}

/** Every name a resource filter may match: short names and full ARNs. */
export function resourceNamesOf(event: Pick<NormalizedEvent, "resources">): string[] {
  return [...new Set(event.resources.flatMap((r) => (r.arn ? [r.name, r.arn] : [r.name])))];
}

export function resourceTypesOf(event: Pick<NormalizedEvent, "resources">): string[] {
  return [...new Set(event.resources.flatMap((r) => (r.type ? [r.type] : [])))];
}
