import { ReplicationConsole } from "@/components/replication/replication-console";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { loadReplicationConsoleData } from "@/lib/replication/overview";

export default async function ReplicationPage() {
  const actor = await pageActor("replication:read", "/replication");
  const initial = await loadReplicationConsoleData(getDb());
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Replication</h1>
          <p>How far each region&apos;s Redis is behind the home region, measured every second by a heartbeat written on the primary.</p>
        </div>
      </div>
      <ReplicationConsole initial={initial} canConfigure={can(actor.role, "replication:configure")} />
    </>
  );
}
