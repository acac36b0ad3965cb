import type { ServerResponse } from "node:http";
import { z } from "zod";
import { ClusterError, type ClusterHost } from "./clusters";
import type { Route53Runtime } from "./route53/operation";
import { resolve } from "./resolver";

// Sandbox-only endpoints under /_sandbox/ (plain JSON, no AWS signature needed). They exist
// for the demo and for tests; nothing here has an AWS counterpart, so Flightdeck's product
// code must not depend on them.
//
//   GET    /_sandbox/health
//   GET    /_sandbox/resolve?name=…&clientRegion=…
//   GET    /_sandbox/clusters
//   POST   /_sandbox/clusters                 {"name","port"?,"path"?}
//   DELETE /_sandbox/clusters/{name}
//   POST   /_sandbox/clusters/{name}/down|up
//   POST   /_sandbox/reset

export interface SandboxApiDeps {
  runtime: Route53Runtime;
  clusters: ClusterHost;
  reset(): void;
}

const clusterBody = z.object({ name: z.string(), port: z.number().int().optional(), path: z.string().optional() });

export async function handleSandboxApi(method: string, url: URL, body: string, response: ServerResponse, deps: SandboxApiDeps): Promise<void> {
  const json = (status: number, payload: unknown) => {
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(payload));
  };
  const parts = url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  const route = `${method} ${parts.map((p, i) => (i === 1 && parts[0] === "clusters" ? "{name}" : p)).join("/")}`;
  try {
    switch (route) {
      case "GET health":
        return json(200, { ok: true, accountId: deps.runtime.store.state.accountId });
      case "GET resolve": {
        const name = url.searchParams.get("name");
        if (!name) return json(400, { error: "name is required" });
        return json(200, resolve(deps.runtime, name, url.searchParams.get("clientRegion") ?? "us-east-1"));
      }
      case "GET clusters":
        return json(200, { clusters: deps.clusters.list() });
      case "POST clusters": {
        const parsed = clusterBody.safeParse(safeJson(body));
        if (!parsed.success) return json(400, { error: "expected {name, port?, path?}" });
        return json(201, { cluster: await deps.clusters.register(parsed.data) });
      }
      case "DELETE clusters/{name}":
        await deps.clusters.remove(parts[1] as string);
        return json(200, { deleted: parts[1] });
      case "POST clusters/{name}/down":
      case "POST clusters/{name}/up":
        return json(200, { cluster: await deps.clusters.setUp(parts[1] as string, parts[2] === "up") });
      case "POST reset":
        deps.reset();
        return json(200, { reset: true });
      default:
        return json(404, { error: `no sandbox endpoint ${method} ${url.pathname}` });
    }
  } catch (error) {
    if (error instanceof ClusterError) return json(error.status, { error: error.message });
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
