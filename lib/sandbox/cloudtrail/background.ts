import { createHash } from "node:crypto";
import { ACTORS, REGION_ACTIVITY, TEMPLATES, type Actor, type Template } from "./background-catalog";
import { identityForAccessKey, type UserIdentity } from "./identity";
import { isoSeconds, newerFirst, type TrailEvent } from "./trail-event";

// A seeded, deterministic background of management events. Each (region, hour) is generated
// from its own PRNG stream, so any time window can be produced on demand, the same seed gives
// the same history on every machine and after every restart, and the history keeps growing
// as the clock moves on instead of being a fixed snapshot.

const HOUR = 3600 * 1000;

/** mulberry32: tiny, fast and good enough to pick events; not for anything secret. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function streamSeed(seed: number, region: string, hour: number): number {
  return createHash("sha256").update(`${seed}:${region}:${hour}`).digest().readUInt32LE(0);
}

function uuidFrom(pick: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(pick() * 16).toString(16)).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function choose<T extends { weight: number }>(items: T[], pick: () => number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = pick() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

export class BackgroundHistory {
  private readonly hours = new Map<string, TrailEvent[]>();

  constructor(
    private readonly seed: number,
    private readonly accountId: string,
  ) {}

  /** Events of one region in [from, to], newest first. */
  *newestFirst(region: string, from: number, to: number): Generator<TrailEvent> {
    for (let hour = Math.floor(to / HOUR); hour >= Math.floor(from / HOUR); hour--) {
      for (const event of this.hour(region, hour)) {
        if (event.time <= to && event.time >= from) yield event;
      }
    }
  }

  private hour(region: string, hour: number): TrailEvent[] {
    const key = `${region}:${hour}`;
    let events = this.hours.get(key);
    if (!events) {
      events = this.generate(region, hour);
      this.hours.set(key, events);
      // 91 days × a handful of regions stays far below this; it only guards long-running demos.
      if (this.hours.size > 20000) this.hours.delete(this.hours.keys().next().value as string);
    }
    return events;
  }

  private generate(region: string, hour: number): TrailEvent[] {
    const activity = REGION_ACTIVITY[region] ?? 0;
    if (activity === 0) return [];
    const pick = prng(streamSeed(this.seed, region, hour));
    const date = new Date(hour * HOUR);
    const busy = date.getUTCDay() % 6 !== 0 && date.getUTCHours() >= 1 && date.getUTCHours() <= 14;
    const count = Math.floor(pick() * (busy ? activity * 2 : activity * 0.6 + 1));
    const templates = TEMPLATES.filter((t) => !t.global || region === "us-east-1");
    const events: TrailEvent[] = [];
    for (let i = 0; i < count; i++) events.push(this.event(region, hour * HOUR + Math.floor(pick() * HOUR), choose(templates, pick), pick));
    return events.sort(newerFirst);
  }

  private event(region: string, at: number, template: Template, pick: () => number): TrailEvent {
    const actorKey = template.actors[Math.floor(pick() * template.actors.length)];
    const actor = ACTORS.find((a) => a.key === actorKey) as Actor;
    const eventTime = isoSeconds(at);
    const resource = template.resource?.(pick, region);
    const failed = template.error !== undefined && pick() < template.error.rate;
    const eventId = uuidFrom(pick);
    const identity = identityFor(actor, this.accountId, eventTime);
    const record: Record<string, unknown> = {
      eventVersion: "1.09",
      userIdentity: identity,
      eventTime,
      eventSource: template.source,
      eventName: template.name,
      awsRegion: region,
      sourceIPAddress: actor.sourceIPAddress,
      userAgent: actor.userAgent,
      ...(failed && template.error?.code ? { errorCode: template.error.code, errorMessage: template.error.message } : {}),
      requestParameters: template.params?.(resource, region) ?? null,
      responseElements: template.eventType === "AwsConsoleSignIn" ? { ConsoleLogin: failed ? "Failure" : "Success" } : null,
      ...(template.eventType === "AwsConsoleSignIn" && failed ? { errorMessage: template.error?.message } : {}),
      requestID: uuidFrom(pick),
      eventID: eventId,
      readOnly: template.readOnly,
      ...(resource && template.resourceType ? { resources: [{ accountId: this.accountId, type: template.resourceType, ARN: resource }] } : {}),
      eventType: template.eventType ?? "AwsApiCall",
      managementEvent: true,
      recipientAccountId: this.accountId,
      eventCategory: "Management",
    };
    return {
      eventId,
      eventName: template.name,
      readOnly: template.readOnly,
      accessKeyId: identity.accessKeyId,
      time: Date.parse(eventTime),
      eventSource: template.source,
      username: actor.kind === "AWSService" ? undefined : actor.name,
      region,
      resources: resource && template.resourceType ? [{ ResourceType: template.resourceType, ResourceName: resource }] : [],
      record,
    };
  }
}

function identityFor(actor: Actor, accountId: string, eventTime: string): UserIdentity {
  switch (actor.kind) {
    case "AWSService":
      return { type: "AWSService", invokedBy: actor.name };
    case "Root":
      return { type: "Root", principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId };
    case "IAMUser": {
      const { identity } = identityForAccessKey(actor.accessKeyId ?? "", accountId, eventTime);
      return { ...identity, userName: actor.name, arn: `arn:aws:iam::${accountId}:user/${actor.name}` };
    }
    case "AssumedRole": {
      const { identity } = identityForAccessKey(actor.accessKeyId ?? "", accountId, eventTime);
      const issuer = { type: "Role", principalId: `AROA${actor.role?.slice(0, 12).toUpperCase()}`, arn: `arn:aws:iam::${accountId}:role/${actor.role}`, accountId, userName: actor.role };
      return {
        ...identity,
        principalId: `${issuer.principalId}:${actor.name}`,
        arn: `arn:aws:sts::${accountId}:assumed-role/${actor.role}/${actor.name}`,
        sessionContext: { sessionIssuer: issuer, attributes: { creationDate: eventTime, mfaAuthenticated: "true" } },
      };
    }
  }
}
