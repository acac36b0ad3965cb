import { emptyState } from "./state";
import { readStateFile, stateFilePath, writeAtomically } from "./store";

// The non-serving subcommands of `npm run sandbox`. Each first asks a running sandbox (so its
// in-memory state and heartbeat servers change at once); when none answers, it edits the
// state file directly so the change holds at the next start.

export interface SandboxCliResult {
  exitCode: number;
  message: string;
}

interface Target {
  url: string;
  dataDir: string;
}

export async function runSandboxCommand(args: string[], target: Target): Promise<SandboxCliResult> {
  const [command, action, name] = args;
  if (command === "reset") {
    const live = await post(`${target.url}/_sandbox/reset`);
    if (live) return live;
    await resetStateFile(target.dataDir);
    return { exitCode: 0, message: `Sandbox not running; reset ${stateFilePath(target.dataDir)} (demo clusters kept).` };
  }
  if (command === "cluster" && (action === "down" || action === "up") && name) {
    const live = await post(`${target.url}/_sandbox/clusters/${encodeURIComponent(name)}/${action}`);
    if (live) return live;
    const found = await setClusterState(target.dataDir, name, action === "up");
    return found
      ? { exitCode: 0, message: `Sandbox not running; cluster ${name} will be ${action} when it starts.` }
      : { exitCode: 1, message: `No cluster named ${name} in ${stateFilePath(target.dataDir)}.` };
  }
  return { exitCode: 2, message: "Usage: npm run sandbox [-- reset | -- cluster down|up <name>]" };
}

/** Answer of a running sandbox, or undefined when nothing listens there. */
async function post(url: string): Promise<SandboxCliResult | undefined> {
  try {
    const response = await fetch(url, { method: "POST", signal: AbortSignal.timeout(3000) });
    const text = await response.text();
    return { exitCode: response.ok ? 0 : 1, message: text };
  } catch {
    return undefined;
  }
}

export async function resetStateFile(dataDir: string): Promise<void> {
  const file = stateFilePath(dataDir);
  const state = await readStateFile(file, () => {});
  await writeAtomically(file, JSON.stringify(emptyState(state.clusters)));
}

/** Marks a cluster up or down in the state file; false when there is no such cluster. */
export async function setClusterState(dataDir: string, name: string, up: boolean): Promise<boolean> {
  const file = stateFilePath(dataDir);
  const state = await readStateFile(file, () => {});
  const cluster = state.clusters[name];
  if (!cluster) return false;
  cluster.up = up;
  await writeAtomically(file, JSON.stringify(state));
  return true;
}
