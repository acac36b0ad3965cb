import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiRoute, created, readJson } from "@/lib/http/api-route";
import { findKind } from "@/lib/inventory/kinds";
import { createInventoryItem } from "@/lib/inventory/mutations";

type Params = { kind: string };

export const GET = apiRoute<Params>(async ({ params }) => {
  await requirePermission("inventory:read");
  const kind = findKind(params.kind);
  if (!kind) throw new AppError("not_found", `There is no inventory kind "${params.kind}".`);
  return { items: await kind.list(getDb()) };
});

export const POST = apiRoute<Params>(async ({ request, params }) => created(await createInventoryItem(params.kind, await readJson(request))));
