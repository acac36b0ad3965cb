import type { SandboxStore } from "../store";
import type { XmlObject } from "./xml";

// What every Route 53 operation gets to work with, and the shape it declares itself in.
// An operation validates its input first (so CloudTrail can record the typed request
// parameters even when the call then fails) and runs second.

export interface HealthView {
  /** Undefined when the health check does not exist (or was deleted). */
  isHealthy(id: string): boolean | undefined;
  /** Re-reads the health checks from the store after a create or delete. */
  sync(): void;
  observations(id: string): Observation[];
}

export interface Observation {
  region: string;
  ipAddress: string;
  status: string;
  checkedAt: number;
}

export interface Route53Runtime {
  store: SandboxStore;
  clock: () => number;
  changeDelayMs: number;
  /** How long a traffic-policy mutation takes; a second one on the same policy meanwhile is a ConcurrentModification. */
  mutationLatencyMs: number;
  policyLocks: Set<string>;
  policyInstanceQuota: number;
  fastHealthChecks: boolean;
  health: HealthView;
}

export interface Route53Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: XmlObject;
  /** Base URL the caller used, for Location headers. */
  baseUrl: string;
}

export interface Route53Response {
  status?: number;
  root: string;
  body: XmlObject;
  headers?: Record<string, string>;
  /** Resources CloudTrail lists for this call. */
  resources?: { ResourceType: string; ResourceName: string }[];
}

export interface Route53Operation<I extends object> {
  name: string;
  method: "GET" | "POST" | "DELETE";
  /** Path below /2013-04-01/, with {Label} placeholders. */
  path: string;
  mutating: boolean;
  input(request: Route53Request): I;
  run(runtime: Route53Runtime, input: I, request: Route53Request): Route53Response | Promise<Route53Response>;
}

/** The type-erased form the router keeps in one table. */
export interface Route53Route {
  name: string;
  method: string;
  segments: string[];
  mutating: boolean;
  prepare(request: Route53Request): { input: object; run(runtime: Route53Runtime): Promise<Route53Response> };
}

export function defineOperation<I extends object>(op: Route53Operation<I>): Route53Route {
  return {
    name: op.name,
    method: op.method,
    segments: op.path.split("/").filter(Boolean),
    mutating: op.mutating,
    prepare(request) {
      const input = op.input(request);
      return { input, run: async (runtime) => op.run(runtime, input, request) };
    },
  };
}

/** Matches /a/{B}/c against concrete segments, returning the labels or undefined. */
export function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = actual[i] as string;
    if (want.startsWith("{")) params[want.slice(1, -1)] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return params;
}
