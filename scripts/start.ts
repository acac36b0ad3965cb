// npm start — the whole product on one machine: PostgreSQL (embedded unless DATABASE_URL
// is set), migrations, demo seed, the AWS sandbox, the worker and the web server.
// npm run dev — the same with `next dev`.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sandboxEndpoint } from "@/lib/aws/endpoints";
import { bootstrapDemoTraffic } from "@/lib/demo/traffic-bootstrap";
import { openDatabase } from "@/lib/db/open";
import { dataDir, env } from "@/lib/env";
import { buildIsCurrent, recordBuild } from "@/lib/runtime/build-stamp";
import { runToCompletion, startChild, stopChildren, waitForHttp, type Child } from "@/lib/runtime/processes";
import { demoEmail, demoPassword } from "@/lib/seed/demo-logins";
import { ensureFirstAdmin, seedDemoEstate, seedDemoUsers } from "@/lib/seed/seed";
import { roles } from "@/lib/auth/permissions";
import { startDemoRedisEstate } from "@/lib/replication/demo-control";

const dev = process.argv.includes("--dev");
// The AWS SDK's Node-version warning is said once below, not by every process that loads it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const started = Date.now();
const say = (line: string) => console.log(`\x1b[1mflightdeck\x1b[0m│ ${line}`);

function nextAuthSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  say(`generated NEXTAUTH_SECRET in ${path.relative(root, file)}`);
  return secret;
}

mkdirSync(dataDir, { recursive: true });
const children: Child[] = [];
const database = await openDatabase({ log: say });
say(`database ready (${database.embedded ? `embedded PostgreSQL in ${path.relative(root, dataDir) || dataDir}` : "DATABASE_URL"})`);

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    await stopChildren(children);
    await database.close();
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const demo = env.FLIGHTDECK_DEMO ?? database.embedded;
  if (demo) {
    await seedDemoEstate(database.db, { heartbeatBasePort: env.FLIGHTDECK_HEARTBEAT_BASE_PORT });
    await seedDemoUsers(database.db);
    say("demo estate and users seeded");
    // ── Demo Redis (replication lag): local primary + replicas behind the seeded endpoints, if redis-server is installed.
    const demoRedis = await startDemoRedisEstate({ db: database.db, dataDir, log: say });
    if (demoRedis) for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void demoRedis.stop());
  }
  const admin = await ensureFirstAdmin(database.db, { email: env.FLIGHTDECK_ADMIN_EMAIL, password: env.FLIGHTDECK_ADMIN_PASSWORD });

  const sandboxUrl = sandboxEndpoint();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: nextAuthSecret(),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    FLIGHTDECK_DEMO: demo ? "1" : "0",
    PORT: String(env.PORT),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(env.FLIGHTDECK_AWS_MODE === "sandbox"
      ? {
          AWS_ENDPOINT_URL_ROUTE_53: env.AWS_ENDPOINT_URL_ROUTE_53 ?? sandboxUrl,
          AWS_ENDPOINT_URL_CLOUDTRAIL: env.AWS_ENDPOINT_URL_CLOUDTRAIL ?? sandboxUrl,
          AWS_ENDPOINT_URL_STS: env.AWS_ENDPOINT_URL_STS ?? sandboxUrl,
          // The sandbox accepts any signature; the key id names the caller in its CloudTrail.
          AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "AKIAFLIGHTDECKDEMO01",
          AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "sandbox-secret",
        }
      : {}),
  };

  if (Number(process.versions.node.split(".")[0]) < 22) {
    say(`note: Node ${process.versions.node} works, but AWS SDK releases after January 2027 need Node 22 or newer`);
  }

  if (env.FLIGHTDECK_AWS_MODE === "sandbox") {
    children.push(startChild("sandbox", bin("tsx"), ["--conditions=react-server", "scripts/sandbox.ts"], childEnv));
    await waitForHttp(`${sandboxUrl}/_sandbox/health`, 30_000, (status) => status === 200);
    say(`AWS sandbox listening at ${sandboxUrl}`);
    if (demo) await bootstrapDemoTraffic(database.db, { sandboxUrl, childEnv, heartbeatBasePort: env.FLIGHTDECK_HEARTBEAT_BASE_PORT, log: say });
  }

  children.push(startChild("worker", bin("tsx"), ["--conditions=react-server", "scripts/worker.ts"], childEnv));

  if (dev) {
    children.push(startChild("web", bin("next"), ["dev", "-p", String(env.PORT)], childEnv));
  } else {
    if (!buildIsCurrent(root)) {
      say("building the web app (first start or sources changed; about a minute)…");
      await runToCompletion("build", bin("next"), ["build"], childEnv);
      recordBuild(root);
    }
    children.push(startChild("web", bin("next"), ["start", "-p", String(env.PORT)], childEnv));
  }
  for (const child of children) void child.exited.then((code) => !stopping && (say(`${child.name} exited (${code}); stopping`), shutdown(1)));

  await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health`, 180_000, (status) => status === 200);
  say(`\x1b[32mready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://localhost:${env.PORT}\x1b[0m`);
  if (demo) say(`demo logins: ${roles.map((r) => `${demoEmail(r)} / ${demoPassword(r)}`).join(", ")}`);
  if (admin?.password) say(`first admin: ${admin.email} / ${admin.password} (shown once; change it under Users)`);
  else if (admin) say(`admin: ${admin.email} (password from FLIGHTDECK_ADMIN_PASSWORD)`);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
