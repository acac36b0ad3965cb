import http from "node:http";
import type { Cluster } from "./state";
import type { SandboxStore } from "./store";

// Demo "app clusters": each is a tiny heartbeat HTTP server on 127.0.0.1:<port> answering
// 200 on its path. Taking a cluster down closes its server, so the Route 53 health checks
// pointed at it see connection refused and fail over, exactly what a real cluster outage
// looks like to Route 53. Clusters and their up/down state are kept in the sandbox state.

export class ClusterError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface ClusterInput {
  name: string;
  port?: number;
  path?: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

export class ClusterHost {
  private readonly servers = new Map<string, http.Server>();

  constructor(
    private readonly store: SandboxStore,
    private readonly host: string,
    private readonly basePort: number,
    private readonly log: (line: string) => void,
  ) {}

  list(): (Cluster & { listening: boolean })[] {
    return Object.values(this.store.state.clusters).map((c) => ({ ...c, listening: this.servers.has(c.name) }));
  }

  /** Starts the servers of every cluster that is up (after a restart). */
  async startAll(): Promise<void> {
    for (const cluster of Object.values(this.store.state.clusters)) {
      if (!cluster.up) continue;
      try {
        await this.listen(cluster);
      } catch (error) {
        this.log(`sandbox: cluster ${cluster.name} could not listen on ${cluster.port}: ${(error as Error).message}`);
      }
    }
  }

  /** Idempotent: registering the same name, port and path again changes nothing. */
  async register(input: ClusterInput): Promise<Cluster> {
    if (!NAME.test(input.name)) throw new ClusterError("Cluster names are 1-63 letters, digits, '.', '_' or '-'.", 400);
    const clusters = this.store.state.clusters;
    const path = input.path ?? "/heartbeat";
    if (!path.startsWith("/")) throw new ClusterError("The heartbeat path must start with '/'.", 400);
    const existing = clusters[input.name];
    const chosen = input.port ?? existing?.port;
    if (chosen !== undefined && (!Number.isInteger(chosen) || chosen < 1 || chosen > 65535)) throw new ClusterError("The port must be 1-65535.", 400);
    const clash = Object.values(clusters).find((c) => c.port === chosen && c.name !== input.name);
    if (clash) throw new ClusterError(`Port ${chosen} is already used by cluster ${clash.name}.`, 409);
    if (existing && existing.port === chosen && existing.path === path) return existing;
    if (existing) await this.close(existing.name);
    const cluster: Cluster = { name: input.name, port: chosen ?? this.freePort(this.basePort), path, up: existing?.up ?? true };
    // A port picked by the sandbox may be held by another program: move on to the next one.
    for (let attempt = 0; cluster.up; attempt++) {
      try {
        await this.listen(cluster);
        break;
      } catch (error) {
        if (chosen !== undefined || attempt >= 20 || !(error instanceof ClusterError) || error.status !== 409) throw error;
        cluster.port = this.freePort(cluster.port + 1);
      }
    }
    clusters[cluster.name] = cluster;
    this.store.changed();
    return cluster;
  }

  async setUp(name: string, up: boolean): Promise<Cluster> {
    const cluster = this.store.state.clusters[name];
    if (!cluster) throw new ClusterError(`No cluster named ${name}.`, 404);
    if (up) await this.listen(cluster);
    else await this.close(name);
    cluster.up = up;
    this.store.changed();
    return cluster;
  }

  async remove(name: string): Promise<void> {
    if (!this.store.state.clusters[name]) throw new ClusterError(`No cluster named ${name}.`, 404);
    await this.close(name);
    delete this.store.state.clusters[name];
    this.store.changed();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((name) => this.close(name)));
  }

  private freePort(from: number): number {
    const used = new Set(Object.values(this.store.state.clusters).map((c) => c.port));
    let port = from;
    while (used.has(port)) port++;
    return port;
  }

  private async listen(cluster: Cluster): Promise<void> {
    if (this.servers.has(cluster.name)) return;
    const server = http.createServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      if (path !== cluster.path) {
        response.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "not found" }));
        return;
      }
      response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end(JSON.stringify({ cluster: cluster.name, status: "ok", time: new Date().toISOString() }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) =>
        reject(new ClusterError(error.code === "EADDRINUSE" ? `Port ${cluster.port} is already in use.` : error.message, 409)),
      );
      server.listen(cluster.port, this.host, () => resolve());
    });
    this.servers.set(cluster.name, server);
  }

  private async close(name: string): Promise<void> {
    const server = this.servers.get(name);
    if (!server) return;
    this.servers.delete(name);
    // Drop kept-alive connections too, or the "down" cluster would still answer on them.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
