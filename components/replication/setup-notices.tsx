import Link from "next/link";
import type { ReplicationConsoleData } from "@/lib/replication/overview";

/** What to do when there is nothing (or nothing live) to show. */
export function SetupNotices({ data, canConfigure }: { data: ReplicationConsoleData; canConfigure: boolean }) {
  if (data.regions.length === 0) {
    return (
      <div className="notice info" data-testid="no-endpoints">
        <strong>No Redis endpoints yet.</strong> Register each region&apos;s Redis under{" "}
        {canConfigure ? <Link href="/inventory/redis-endpoints">Inventory → Redis endpoints</Link> : "Inventory → Redis endpoints (an admin can)"}: the home
        region&apos;s primary, and a replica in every region that reads from it. Flightdeck then writes a heartbeat key
        (<code>flightdeck:heartbeat:*</code>) on each primary once a second, reads it back on every replica and shows the lag here. Replicas fed
        by another replicator work too (heartbeat only).
      </div>
    );
  }
  const notices = [];
  if (data.demo && !data.demo.replicas.some((r) => r.running)) {
    notices.push(
      <div className="notice warn" key="demo" data-testid="no-demo-redis">
        The demo starts a local Redis primary and replicas when <code>redis-server</code> is installed; it was not found, so the seeded endpoints
        point at nothing. Install it (<code>apt-get install redis-server</code> or <code>brew install redis</code>) and restart <code>npm start</code>,
        or point the endpoints at your own Redis under <Link href="/inventory/redis-endpoints">Inventory → Redis endpoints</Link>.
      </div>,
    );
  }
  if (data.regions.every((r) => r.status === "stale")) {
    notices.push(
      <div className="notice warn" key="stale" data-testid="all-stale">
        No fresh measurements: is the worker running (<code>npm start</code> starts it, or <code>npm run worker</code>)?
      </div>,
    );
  }
  return notices.length ? <div className="stack-notices">{notices}</div> : null;
}
