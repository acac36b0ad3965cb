import { randomUUID } from "node:crypto";
import type { Caller } from "../sigv4";
import type { SandboxStore } from "../store";
import { identityForAccessKey, identityForSession } from "./identity";
import { fromRecord, isoSeconds, type TrailEvent } from "./trail-event";

// Turns Route 53 calls made to the sandbox into CloudTrail records. Route 53 is a global
// service, so its records land in us-east-1's event history whatever region signed the call.

const RETENTION_MS = 90 * 24 * 3600 * 1000;
// The state file is rewritten on every change; this keeps it to a few megabytes.
const MAX_RECORDS = 10000;

export interface Route53CallRecord {
  eventName: string;
  caller: Caller;
  sourceIPAddress: string;
  userAgent: string;
  requestID: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  resources: { ResourceType: string; ResourceName: string }[];
}

export class TrailRecorder {
  /** Derived lookup fields, kept in step with store.state.trail (oldest first). */
  private events: TrailEvent[] | undefined;
  private source: unknown;

  constructor(
    private readonly store: SandboxStore,
    private readonly clock: () => number,
  ) {}

  recordRoute53(call: Route53CallRecord): void {
    const { state } = this.store;
    const eventTime = isoSeconds(this.clock());
    const session = state.sessions[call.caller.accessKeyId];
    const { identity } = session ? identityForSession(session, call.caller.accessKeyId) : identityForAccessKey(call.caller.accessKeyId, state.accountId, eventTime);
    // A session acts in its role's account, as on AWS; the sandbox's one set of resources stands in for it.
    const accountId = session?.accountId ?? state.accountId;
    const record: Record<string, unknown> = {
      eventVersion: "1.09",
      userIdentity: identity,
      eventTime,
      eventSource: "route53.amazonaws.com",
      eventName: call.eventName,
      awsRegion: "us-east-1",
      sourceIPAddress: normalizeAddress(call.sourceIPAddress),
      userAgent: call.userAgent,
      ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: call.errorMessage } : {}),
      requestParameters: call.requestParameters,
      responseElements: call.responseElements,
      requestID: call.requestID,
      eventID: randomUUID(),
      readOnly: false,
      resources: call.resources.map((r) => ({ accountId, type: r.ResourceType, ARN: arnFor(r.ResourceType, r.ResourceName) })),
      eventType: "AwsApiCall",
      apiVersion: "2013-04-01",
      managementEvent: true,
      recipientAccountId: accountId,
      eventCategory: "Management",
    };
    state.trail.push(record);
    this.prune();
    this.store.changed();
  }

  /** Recorded events of one region, oldest first. */
  eventsIn(region: string): TrailEvent[] {
    return this.all().filter((e) => e.region === region);
  }

  private all(): TrailEvent[] {
    const { trail } = this.store.state;
    // Rebuild the derived list when the store was reset or reloaded; extend it when appended.
    if (this.source !== trail || !this.events || this.events.length > trail.length) {
      this.source = trail;
      this.events = [];
    }
    for (let i = this.events.length; i < trail.length; i++) this.events.push(fromRecord(trail[i] as Record<string, unknown>));
    return this.events;
  }

  private prune(): void {
    const { state } = this.store;
    const horizon = this.clock() - RETENTION_MS;
    let drop = Math.max(0, state.trail.length - MAX_RECORDS);
    while (drop < state.trail.length && Date.parse(String(state.trail[drop]?.eventTime)) < horizon) drop++;
    if (drop > 0) {
      state.trail = state.trail.slice(drop);
      this.events = undefined;
    }
  }
}

function arnFor(type: string, name: string): string {
  if (type === "AWS::Route53::HostedZone") return `arn:aws:route53:::hostedzone/${name}`;
  if (type === "AWS::Route53::HealthCheck") return `arn:aws:route53:::healthcheck/${name}`;
  return name;
}

/** Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d; CloudTrail shows a.b.c.d. */
function normalizeAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
