import http from "node:http";
import type { AddressInfo } from "node:net";
import { BackgroundHistory } from "./cloudtrail/background";
import { handleCloudTrail, isCloudTrailTarget } from "./cloudtrail/handler";
import { TrailRecorder } from "./cloudtrail/recorder";
import { ClusterHost } from "./clusters";
import { HealthMonitor } from "./health/monitor";
import { newRequestId } from "./ids";
import type { Route53Runtime } from "./route53/operation";
import { handleRoute53 } from "./route53/router";
import { handleSandboxApi } from "./sandbox-api";
import { parseAuthorization } from "./sigv4";
import { SandboxStore, stateFilePath } from "./store";
import { handleSts, isStsRequest } from "./sts/handler";
import { TokenBucketLimiter, unlimited } from "./throttle";

// The sandbox process: one loopback HTTP server that is Route 53 (REST-XML under
// /2013-04-01/), CloudTrail (awsJson1_1 on POST / with X-Amz-Target), STS (Query protocol on
// POST / with Action=…) and the sandbox-only JSON API (/_sandbox/…), plus the health
// checkers and the demo heartbeat servers.

export interface SandboxOptions {
  /** 0 (the default) picks a free port; read the result from `url`. */
  port?: number;
  /** Must be a loopback address: the sandbox accepts any signature, so it must not be reachable from elsewhere. */
  host?: string;
  /** Where state.json lives (under <dataDir>/sandbox/); omit to keep everything in memory. */
  dataDir?: string;
  /** AWS's rate limits (Route 53 5/s per account, CloudTrail 2/s per account and region). Default on. */
  throttle?: boolean;
  /** How long changes stay PENDING and instances Creating/Updating/Deleting. Default 1500 ms. */
  changeDelayMs?: number;
  /** Probe health checks every `fastHealthCheckIntervalMs` and accept RequestInterval below 10 s. Default off. */
  fastHealthChecks?: boolean;
  fastHealthCheckIntervalMs?: number;
  /** How long a traffic-policy mutation holds its policy (overlaps get ConcurrentModification). Default 25 ms. */
  mutationLatencyMs?: number;
  /** Traffic policy instances allowed in the account (AWS's default quota is 5). */
  policyInstanceQuota?: number;
  /** First port handed to demo clusters registered without one. Default 4610. */
  heartbeatBasePort?: number;
  /** Seed of the CloudTrail background history. */
  backgroundSeed?: number;
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host)) throw new Error(`The sandbox only listens on loopback, not on ${host}.`);
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const store = await SandboxStore.open(options.dataDir ? stateFilePath(options.dataDir) : undefined, log);
  const health = new HealthMonitor(store, { fast: options.fastHealthChecks ?? false, fastIntervalMs: options.fastHealthCheckIntervalMs ?? 200, clock });
  const runtime: Route53Runtime = {
    store,
    clock,
    changeDelayMs: options.changeDelayMs ?? 1500,
    mutationLatencyMs: options.mutationLatencyMs ?? 25,
    policyLocks: new Set(),
    policyInstanceQuota: options.policyInstanceQuota ?? 5,
    fastHealthChecks: options.fastHealthChecks ?? false,
    health,
  };
  const throttled = options.throttle ?? true;
  const route53Limiter = throttled ? new TokenBucketLimiter(5, clock) : unlimited;
  const cloudTrailLimiter = throttled ? new TokenBucketLimiter(2, clock) : unlimited;
  const recorder = new TrailRecorder(store, clock);
  const background = new BackgroundHistory(options.backgroundSeed ?? 20131101, store.state.accountId);
  const clusters = new ClusterHost(store, "127.0.0.1", options.heartbeatBasePort ?? 4610, log);
  const reset = () => {
    store.reset();
    health.sync();
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Far above any real Route 53 or CloudTrail request; stops a runaway client, nothing more.
      if (size > MAX_BODY_BYTES) {
        response.writeHead(413).end();
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      dispatch(request, response, body).catch((error: unknown) => {
        log(`sandbox: ${request.method} ${request.url} failed: ${(error as Error).stack ?? String(error)}`);
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain" });
        response.end("Internal sandbox error");
      });
    });
  });

  async function dispatch(request: http.IncomingMessage, response: http.ServerResponse, body: string): Promise<void> {
    const url = new URL(request.url ?? "/", "http://sandbox.local");
    const caller = parseAuthorization(request.headers.authorization);
    const requestId = newRequestId();
    if (url.pathname.startsWith("/2013-04-01/")) {
      return handleRoute53({ request, response, url, body, caller, requestId }, { runtime, limiter: route53Limiter, recorder });
    }
    if (request.method === "POST" && url.pathname === "/" && isCloudTrailTarget(headerValue(request.headers["x-amz-target"]))) {
      return handleCloudTrail({ request, response, body, caller, requestId }, { accountId: store.state.accountId, clock, limiter: cloudTrailLimiter, recorder, background });
    }
    if (isStsRequest({ request, url, body, caller })) {
      return handleSts({ request, response, url, body, caller, requestId }, { store, clock });
    }
    if (url.pathname.startsWith("/_sandbox/")) {
      return handleSandboxApi(request.method ?? "GET", url, body, response, { runtime, clusters, reset });
    }
    response.writeHead(404, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ error: "Not a Route 53, CloudTrail, STS or sandbox path" }));
  }

  await clusters.startAll();
  health.sync();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    async close() {
      health.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await clusters.closeAll();
      await store.flush();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
