import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { childEnv } from "@/lib/env";

const run = promisify(execFile);

export type ScriptResult = { code: number; stdout: string; stderr: string };

/** Runs an entry point in scripts/ as `npm run` does (tsx, react-server conditions) against a database; a failure is a result, not a throw. */
export async function runScript(script: string, args: readonly string[], databaseUrl: string): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", script, ...args], { env: childEnv({ DATABASE_URL: databaseUrl }) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as ScriptResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
