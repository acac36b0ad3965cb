import Link from "next/link";
import { notFound } from "next/navigation";
import { InventoryForm } from "@/components/inventory/inventory-form";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { formFields } from "@/lib/inventory/form-fields";
import { findKind } from "@/lib/inventory/kinds";
import { loadOptions } from "@/lib/inventory/options";
import { createInventoryItemAction } from "../../actions";

export default async function NewInventoryItemPage({ params }: { params: Promise<{ kind: string }> }) {
  const { kind: key } = await params;
  await pageActor("inventory:write", `/inventory/${key}/new`);
  const kind = findKind(key);
  if (!kind) notFound();
  const options = await loadOptions(getDb());
  return (
    <>
      <div className="page-head">
        <div>
          <p><Link href={`/inventory/${kind.key}`}>{kind.plural}</Link></p>
          <h1>New {kind.label.toLowerCase()}</h1>
        </div>
      </div>
      <div className="card">
        <InventoryForm fields={formFields(kind.fields, options, "create")} initial={{}} action={createInventoryItemAction.bind(null, kind.key)} submitLabel={`Create ${kind.label.toLowerCase()}`} />
      </div>
    </>
  );
}
