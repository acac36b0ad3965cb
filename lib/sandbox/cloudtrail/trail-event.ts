import type { TrailRecord } from "../state";

// The fields LookupEvents filters and answers on, next to the full CloudTrail record they were
// taken from. Recorded and background events both end up in this shape.

export interface TrailEvent {
  eventId: string;
  eventName: string;
  readOnly: boolean;
  accessKeyId?: string;
  /** Epoch milliseconds. */
  time: number;
  eventSource: string;
  username?: string;
  region: string;
  resources: { ResourceType: string; ResourceName: string }[];
  record: TrailRecord;
}

/** Newest first; equal times by event id, so the order (and paging) is total and stable. */
export function newerFirst(a: TrailEvent, b: TrailEvent): number {
  if (a.time !== b.time) return b.time - a.time;
  return a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Rebuilds the lookup fields from a stored record (how recorded events come back after a restart). */
export function fromRecord(record: TrailRecord): TrailEvent {
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  const sessionIssuer = ((identity.sessionContext as Record<string, unknown> | undefined)?.sessionIssuer ?? {}) as Record<string, unknown>;
  const arn = typeof identity.arn === "string" ? identity.arn : "";
  const username =
    identity.type === "AssumedRole" ? arn.split("/").pop() : typeof identity.userName === "string" ? identity.userName : identity.type === "Root" ? "root" : undefined;
  const sandboxResources = (record.resources ?? []) as { type?: string; ARN?: string }[];
  return {
    eventId: String(record.eventID),
    eventName: String(record.eventName),
    readOnly: record.readOnly === true,
    accessKeyId: typeof identity.accessKeyId === "string" ? identity.accessKeyId : undefined,
    time: Date.parse(String(record.eventTime)),
    eventSource: String(record.eventSource),
    username: username ?? (typeof sessionIssuer.userName === "string" ? sessionIssuer.userName : undefined),
    region: String(record.awsRegion),
    resources: sandboxResources.map((r) => ({ ResourceType: r.type ?? "", ResourceName: resourceName(r.ARN ?? "") })),
    record,
  };
}

function resourceName(arn: string): string {
  const slash = arn.lastIndexOf("/");
  return slash >= 0 ? arn.slice(slash + 1) : arn.slice(arn.lastIndexOf(":") + 1);
}
