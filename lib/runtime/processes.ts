import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

// Small process supervision for the start script: children with prefixed output,
// stopped together on Ctrl-C, and the whole product stopping if one of them dies.

const colors = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m", "\x1b[34m"];
let nextColor = 0;

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null> };

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const color = colors[nextColor++ % colors.length];
  const tag = `${color}${name.padEnd(8)}\x1b[0m│ `;
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => process.stdout.write(tag + line + "\n"));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, process: child, exited };
}

export async function stopChildren(children: Child[], timeoutMs = 8000): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.process.exitCode !== null) return;
      child.process.kill("SIGTERM");
      const timer = setTimeout(() => child.process.kill("SIGKILL"), timeoutMs);
      await child.exited;
      clearTimeout(timer);
    }),
  );
}

export function runToCompletion(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = startChild(name, command, args, env);
  return child.exited.then((code) => {
    if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
  });
}

export async function waitForHttp(url: string, timeoutMs: number, isUp: (status: number) => boolean = (s) => s < 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (isUp(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
