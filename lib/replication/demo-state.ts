import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// The demo Redis as the web app sees it: the state file the start script writes, and the
// processes it names. Nothing here starts a program by a variable name, so the web
// bundle does not trace the whole project (unlike redis-server.ts, for scripts only).

export type DemoRedisNode = { name: string; region: string; role: "primary" | "replica"; url: string; port: number; pid: number };

export type DemoReplica = { region: string; url: string; running: boolean; paused: boolean };

export const demoRedisDir = (dataDir: string) => path.join(dataDir, "redis");

export const demoStateFile = (dir: string) => path.join(dir, "demo-redis.json");

export function readDemoRedisState(dir: string): DemoRedisNode[] {
  try {
    return (JSON.parse(readFileSync(demoStateFile(dir), "utf8")) as { nodes: DemoRedisNode[] }).nodes;
  } catch {
    return [];
  }
}

/** Process state letter ("T": stopped by SIGSTOP) and command line, or null if there is no such process. */
function processInfo(pid: number): { state: string; command: string } | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (existsSync("/proc/self")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) S …": comm may hold spaces or parentheses, so read after the last ")".
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      return { state, command: readFileSync(`/proc/${pid}/cmdline`, "utf8") };
    } catch {
      return null;
    }
  }
  // No /proc (macOS): ask ps.
  const ps = spawnSync("ps", ["-p", String(pid), "-o", "stat=,command="], { encoding: "utf8" });
  if (ps.status !== 0) return null;
  const line = ps.stdout.trim();
  return { state: line.slice(0, 1), command: line };
}

/** True if `pid` is a running redis-server: never signal a PID the OS may have reused. */
export function isRedisServerPid(pid: number): boolean {
  return processInfo(pid)?.command.includes("redis-server") ?? false;
}

/** The demo replicas named in `dir`, one per region, with whether each is paused now. */
export function listDemoReplicas(dir: string): DemoReplica[] {
  return readDemoRedisState(dir)
    .filter((node) => node.role === "replica")
    .map((node) => {
      const info = processInfo(node.pid);
      const running = info?.command.includes("redis-server") ?? false;
      return { region: node.region, url: node.url, running, paused: running && info?.state.toUpperCase() === "T" };
    });
}

/**
 * Waits (at most a second) until the process shows the signal taken: the kernel delivers
 * SIGSTOP and SIGCONT after kill() returns, so a state read at once could still be the old
 * one, and the console would show a replica running that was just paused.
 */
function waitForState(pid: number, paused: boolean): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 0; tries < 200; tries++) {
    const state = processInfo(pid)?.state.toUpperCase();
    if (state === undefined || (state === "T") === paused) return;
    Atomics.wait(sleeper, 0, 0, 5);
  }
}

export function signalDemoReplica(nodes: readonly DemoRedisNode[], region: string, paused: boolean): void {
  const node = nodes.find((n) => n.role === "replica" && n.region === region);
  if (!node) throw new Error(`no demo Redis replica in ${region}`);
  if (!isRedisServerPid(node.pid)) throw new Error(`the demo Redis replica in ${region} is not running`);
  process.kill(node.pid, paused ? "SIGSTOP" : "SIGCONT");
  waitForState(node.pid, paused);
}

/** From any process on this machine: pause or resume the demo replica of a region. */
export function setDemoReplicaPaused(dir: string, region: string, paused: boolean): void {
  signalDemoReplica(readDemoRedisState(dir), region, paused);
}
