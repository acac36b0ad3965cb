import Link from "next/link";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { inventoryKinds } from "@/lib/inventory/kinds";

export const metadata = { title: "Inventory" };

export default async function InventoryPage() {
  await pageActor("inventory:read", "/inventory");
  const db = getDb();
  const counts = await Promise.all(inventoryKinds.map((kind) => kind.list(db).then((rows) => rows.length)));
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Inventory</h1>
          <p>Accounts, regions, services, load balancers, health checks and Redis endpoints Flightdeck manages.</p>
        </div>
      </div>
      <div className="grid">
        {inventoryKinds.map((kind, i) => (
          <Link key={kind.key} href={`/inventory/${kind.key}`} className="card" style={{ color: "inherit" }}>
            <div className="muted">{kind.plural}</div>
            <div className="stat">{counts[i]}</div>
          </Link>
        ))}
      </div>
    </>
  );
}
