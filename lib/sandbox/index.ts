// Public surface of the AWS sandbox. Flightdeck's product code never imports this: it talks
// to the sandbox through the AWS SDK with a configured endpoint. Only the sandbox's own entry
// script, its tests and the benchmark use it.

export { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";
export { runSandboxCommand, resetStateFile, setClusterState, type SandboxCliResult } from "./cli";
export type { Resolution } from "./resolver";
export type { Answer } from "./resolver-rules";
