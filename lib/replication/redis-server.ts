import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

// Starts local `redis-server` processes on loopback ports, for the demo and for tests.
// No persistence (--save "" --appendonly no); diskless sync without delay, so a replica
// (re)joins its primary in milliseconds instead of Redis's default 5 s wait.

export type RedisServerOptions = {
  dir: string;
  name: string;
  /** Omitted: a free loopback port. */
  port?: number;
  replicaOf?: { host: string; port: number };
  /** More redis-server arguments, e.g. to rename commands away as some managed services do. */
  extraArgs?: readonly string[];
  binary?: string;
};

export type RedisServer = {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** Changes on restart. */
  readonly pid: number;
  /** SIGSTOP: the process freezes, its sockets stay open (a replica that stopped applying). */
  pause(): void;
  resume(): void;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Same port and arguments as before. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Children die with us, even if the caller forgot to stop them (a crashed test run, Ctrl-C). */
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
  live.add(child);
  child.once("exit", () => live.delete(child));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => finish(data.toString().startsWith("+PONG")));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

async function spawnServer(options: RedisServerOptions, port: number): Promise<ChildProcess> {
  mkdirSync(options.dir, { recursive: true });
  const logfile = path.join(options.dir, `${options.name}.log`);
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", options.dir];
  args.push("--logfile", logfile, "--daemonize", "no", "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
  if (options.replicaOf) args.push("--replicaof", options.replicaOf.host, String(options.replicaOf.port));
  args.push(...(options.extraArgs ?? []));
  const child = spawn(options.binary ?? "redis-server", args, { stdio: "ignore" });
  track(child);
  const failed = new Promise<Error>((resolve) => {
    child.once("error", resolve);
    child.once("exit", (code) => resolve(new Error(`redis-server ${options.name} exited with ${code}; see ${logfile}`)));
  });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const early = await Promise.race([failed, new Promise<null>((r) => setTimeout(() => r(null), 20))]);
    if (early) throw early;
    if (await ping(port)) return child;
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server ${options.name} did not answer on port ${port} within 5 s`);
}

export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  let port = options.port ?? (await freePort());
  let child: ChildProcess;
  try {
    child = await spawnServer(options, port);
  } catch (error) {
    // The free port may have been taken between probing and binding: one retry elsewhere.
    if (options.port !== undefined) throw error;
    port = await freePort();
    child = await spawnServer(options, port);
  }
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
  };
  return {
    name: options.name,
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid ?? -1;
    },
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    async kill() {
      signal("SIGKILL");
      await exited(child);
    },
    async restart() {
      signal("SIGKILL");
      await exited(child);
      child = await spawnServer(options, port);
    },
    async stop() {
      signal("SIGTERM");
      // A paused process handles SIGTERM only once resumed.
      signal("SIGCONT");
      const timer = setTimeout(() => signal("SIGKILL"), 3_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

export { isRedisServerPid } from "./demo-state";
