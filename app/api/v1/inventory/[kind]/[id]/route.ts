import { NextResponse } from "next/server";
import { requirePermission } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiRoute, readJson } from "@/lib/http/api-route";
import { findKind } from "@/lib/inventory/kinds";
import { deleteInventoryItem, updateInventoryItem } from "@/lib/inventory/mutations";

type Params = { kind: string; id: string };

export const GET = apiRoute<Params>(async ({ params }) => {
  await requirePermission("inventory:read");
  const kind = findKind(params.kind);
  const row = kind && (await kind.get(getDb(), params.id).catch(() => null));
  if (!row) throw new AppError("not_found", `No ${params.kind} item with id ${params.id}.`);
  return row;
});

export const PATCH = apiRoute<Params>(async ({ request, params }) => updateInventoryItem(params.kind, params.id, await readJson(request)));

export const DELETE = apiRoute<Params>(async ({ params }) => {
  await deleteInventoryItem(params.kind, params.id);
  return new NextResponse(null, { status: 204 });
});
