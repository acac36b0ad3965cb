import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteButton } from "@/components/inventory/delete-button";
import { InventoryForm } from "@/components/inventory/inventory-form";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { formFields, rowValues } from "@/lib/inventory/form-fields";
import { findKind } from "@/lib/inventory/kinds";
import { loadOptions } from "@/lib/inventory/options";
import { deleteInventoryItemAction, updateInventoryItemAction } from "../../actions";

export default async function InventoryItemPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind: key, id: rawId } = await params;
  const id = decodeURIComponent(rawId);
  const actor = await pageActor("inventory:read", `/inventory/${key}/${rawId}`);
  const kind = findKind(key);
  if (!kind) notFound();
  const db = getDb();
  const [row, options] = await Promise.all([kind.get(db, id).catch(() => null), loadOptions(db)]);
  if (!row) notFound();
  const canWrite = can(actor.role, "inventory:write");
  const title = String(row[kind.columns[0]?.key ?? "id"] ?? id);
  return (
    <>
      <div className="page-head">
        <div>
          <p><Link href={`/inventory/${kind.key}`}>{kind.plural}</Link></p>
          <h1>{title}</h1>
        </div>
        {canWrite && <DeleteButton action={deleteInventoryItemAction.bind(null, kind.key, id)} label={`${kind.label.toLowerCase()} ${title}`} />}
      </div>
      {!canWrite && <div className="notice info" style={{ marginBottom: 12 }}>Read-only: only admins change the inventory.</div>}
      <div className="card">
        {canWrite ? (
          <InventoryForm fields={formFields(kind.fields, options, "edit")} initial={rowValues(row, kind.fields)} action={updateInventoryItemAction.bind(null, kind.key, id)} submitLabel="Save changes" />
        ) : (
          <dl>
            {kind.fields.map((f) => (
              <div key={f.name} style={{ display: "grid", gridTemplateColumns: "220px 1fr", padding: "4px 0" }}>
                <dt className="muted">{f.label}</dt>
                <dd className="mono" style={{ margin: 0 }}>{String(row[f.name] ?? "—")}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </>
  );
}
