// npm run sandbox                          — serve the local Route 53 + CloudTrail endpoint
// npm run sandbox -- reset                 — forget every AWS resource (demo clusters stay)
// npm run sandbox -- cluster down|up <name> — stop or restart a demo cluster's heartbeat
//
// Configuration comes only from lib/env: FLIGHTDECK_SANDBOX_HOST/PORT/THROTTLE/CHANGE_DELAY_MS/
// FAST_HEALTH_CHECKS, FLIGHTDECK_HEARTBEAT_BASE_PORT and FLIGHTDECK_DATA_DIR.
import { sandboxEndpoint } from "@/lib/aws/endpoints";
import { dataDir, env } from "@/lib/env";
import { runSandboxCommand, startSandbox } from "@/lib/sandbox";

const args = process.argv.slice(2);
const url = sandboxEndpoint();

if (args.length > 0) {
  const result = await runSandboxCommand(args, { url, dataDir });
  console.log(result.message);
  process.exit(result.exitCode);
}

const sandbox = await startSandbox({
  host: env.FLIGHTDECK_SANDBOX_HOST,
  port: env.FLIGHTDECK_SANDBOX_PORT,
  dataDir,
  throttle: env.FLIGHTDECK_SANDBOX_THROTTLE,
  changeDelayMs: env.FLIGHTDECK_SANDBOX_CHANGE_DELAY_MS,
  fastHealthChecks: env.FLIGHTDECK_SANDBOX_FAST_HEALTH_CHECKS,
  heartbeatBasePort: env.FLIGHTDECK_HEARTBEAT_BASE_PORT,
  // The demo account behaves like one whose "policy records" quota was raised from AWS's
  // default of 5, so every seeded multi-region service can get its policy record.
  policyInstanceQuota: 50,
  log: (line) => console.error(line),
});
console.log(`sandbox: Route 53 and CloudTrail at ${sandbox.url} (state in ${dataDir}/sandbox/state.json)`);

let closing = false;
async function stop(): Promise<void> {
  if (closing) return;
  closing = true;
  await sandbox.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
