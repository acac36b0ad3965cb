// Parsing of `INFO replication`. Only the fields lag needs are typed; everything is
// optional because managed Redis (ElastiCache) and in-house replicators may hide some.

export type ReplicaEntry = { ip: string; port: number; state: string; offset: number; lagSeconds: number | null };

export type ReplicationInfo = {
  role: "master" | "slave" | "unknown";
  masterReplid: string | null;
  masterReplOffset: number | null;
  /** Present when role is slave. */
  masterHost: string | null;
  masterPort: number | null;
  masterLinkStatus: "up" | "down" | null;
  masterLastIoSecondsAgo: number | null;
  syncInProgress: boolean;
  slaveReplOffset: number | null;
  /** Present when role is master: the replicas it feeds, with their acknowledged offsets. */
  replicas: ReplicaEntry[];
};

export function parseInfoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

function int(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value)) return null;
  return Number(value);
}

/** `ip=10.0.0.5,port=6379,state=online,offset=1234,lag=0` → entry, or null if malformed. */
export function parseReplicaEntry(value: string): ReplicaEntry | null {
  const parts = new Map(value.split(",").map((pair): [string, string] => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const ip = parts.get("ip");
  const port = int(parts.get("port"));
  const offset = int(parts.get("offset"));
  if (!ip || port === null || offset === null) return null;
  return { ip, port, state: parts.get("state") ?? "unknown", offset, lagSeconds: int(parts.get("lag")) };
}

export function parseReplicationInfo(text: string): ReplicationInfo {
  const f = parseInfoFields(text);
  const role = f.get("role");
  const link = f.get("master_link_status");
  const lastIo = int(f.get("master_last_io_seconds_ago"));
  const replicas: ReplicaEntry[] = [];
  for (const [key, value] of f) {
    if (!/^slave\d+$/.test(key)) continue;
    const entry = parseReplicaEntry(value);
    if (entry) replicas.push(entry);
  }
  return {
    role: role === "master" || role === "slave" ? role : "unknown",
    masterReplid: f.get("master_replid") ?? null,
    masterReplOffset: int(f.get("master_repl_offset")),
    masterHost: f.get("master_host") ?? null,
    masterPort: int(f.get("master_port")),
    masterLinkStatus: link === "up" || link === "down" ? link : null,
    // Redis prints -1 while the link is down: "unknown", not "in the future".
    masterLastIoSecondsAgo: lastIo !== null && lastIo >= 0 ? lastIo : null,
    syncInProgress: f.get("master_sync_in_progress") === "1",
    slaveReplOffset: int(f.get("slave_repl_offset")),
    replicas,
  };
}
