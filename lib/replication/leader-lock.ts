import pg from "pg";

// Leadership through a PostgreSQL session advisory lock held on a dedicated connection.
// The leader also writes its results over that same connection: if the connection dies,
// PostgreSQL frees the lock and the old leader's writes fail with it, so two collectors
// can never both write, even for one tick.

export type LockLogger = { info(message: string, data?: Record<string, unknown>): void; warn(message: string, data?: Record<string, unknown>): void };

export type LeaderLockOptions = {
  databaseUrl: string;
  /** The same for every Flightdeck process; locks are per database. */
  key: bigint;
  applicationName: string;
  queryTimeoutMs: number;
  /** After losing the lock, stay out this long so a healthy follower takes over rather than us again. */
  cooldownMs: number;
  log: LockLogger;
};

export class LeaderLock {
  private client: pg.Client | null = null;
  private leading = false;
  private cooldownUntil = 0;

  constructor(private readonly options: LeaderLockOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: this.options.applicationName,
      query_timeout: this.options.queryTimeoutMs,
      connectionTimeoutMillis: this.options.queryTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // So the server notices a vanished leader (and frees the lock) in ~25 s, not hours.
      options: "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
    });
    client.on("error", (error) => this.drop(client, `lock connection failed: ${error.message}`));
    client.on("end", () => this.drop(client, "lock connection ended"));
    await client.connect();
    return client;
  }

  private drop(client: pg.Client, reason: string): void {
    if (this.client !== client) return;
    if (this.leading) {
      this.options.log.warn("replication collector lost leadership", { reason });
      this.cooldownUntil = Date.now() + this.options.cooldownMs;
    }
    this.client = null;
    this.leading = false;
    client.end().catch(() => undefined);
  }

  /** Connects when needed and tries to take the lock; true while this process holds it. */
  async acquire(): Promise<boolean> {
    if (this.leading && this.client) return true;
    if (Date.now() < this.cooldownUntil) return false;
    if (!this.client) {
      const client = await this.connect();
      if (this.client) await client.end();
      else this.client = client;
    }
    const client = this.client;
    if (!client) return false;
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [this.options.key.toString()]);
      this.leading = rows[0]?.locked === true;
    } catch (error) {
      this.drop(client, error instanceof Error ? error.message : String(error));
      return false;
    }
    if (this.leading) this.options.log.info("replication collector is leading");
    return this.leading;
  }

  /** Runs work on the lock's connection, only while leading; a broken connection ends leadership. */
  async withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = this.client;
    if (!this.leading || !client) throw new Error("not the replication collector leader");
    try {
      return await work(client);
    } catch (error) {
      // SQLSTATE 08xxx/57xxx, or none at all (timeouts, sockets): the session may be gone.
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string" || /^(08|57)/.test(code)) this.drop(client, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leading = false;
    if (client) await client.end().catch(() => undefined);
  }
}
