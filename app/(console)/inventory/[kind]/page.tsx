import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { findKind } from "@/lib/inventory/kinds";

type Props = { params: Promise<{ kind: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function InventoryListPage({ params, searchParams }: Props) {
  const { kind: key } = await params;
  const flash = await searchParams;
  const actor = await pageActor("inventory:read", `/inventory/${key}`);
  const kind = findKind(key);
  if (!kind) notFound();
  const rows = await kind.list(getDb());
  const canWrite = can(actor.role, "inventory:write");
  return (
    <>
      <div className="page-head">
        <div>
          <p><Link href="/inventory">Inventory</Link></p>
          <h1>{kind.plural}</h1>
        </div>
        {canWrite && <Link className="btn primary" href={`/inventory/${kind.key}/new`}>New {kind.label.toLowerCase()}</Link>}
      </div>
      {flash.created && <div className="notice ok" role="status" style={{ marginBottom: 12 }}>{kind.label} created.</div>}
      {flash.deleted && <div className="notice ok" role="status" style={{ marginBottom: 12 }}>{kind.label} deleted.</div>}
      {rows.length === 0 ? (
        <div className="card muted">No {kind.plural.toLowerCase()} yet.</div>
      ) : (
        <table className="data" data-testid="inventory-table">
          <thead>
            <tr>{kind.columns.map((c) => <th key={c.key}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {kind.columns.map((c, i) => (
                  <td key={c.key} className={i > 0 ? "mono" : undefined}>
                    {i === 0 ? <Link href={`/inventory/${kind.key}/${encodeURIComponent(row.id)}`}>{String(row[c.key] ?? "—")}</Link> : String(row[c.key] ?? "—")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
