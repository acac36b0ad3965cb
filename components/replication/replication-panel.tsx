import type { Db } from "@/lib/db/client";
import { loadReplicationConsoleData } from "@/lib/replication/overview";
import { LiveReplicationPanel } from "./live-replication-panel";

/** The dashboard's replication panel: current status per region and recent breaches, kept live. */
export async function ReplicationPanel({ db }: { db: Db }) {
  return <LiveReplicationPanel initial={await loadReplicationConsoleData(db)} />;
}
