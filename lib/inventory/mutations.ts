import "server-only";
import { AppError } from "@/lib/errors";
import { changeWithAudit, mutation, parseInput } from "@/lib/mutations/mutation";
import { findKind, type InventoryKind, type Row } from "./kinds";

function kindOrThrow(key: string): InventoryKind {
  const kind = findKind(key);
  if (!kind) throw new AppError("not_found", `There is no inventory kind "${key}".`);
  return kind;
}

export function createInventoryItem(kindKey: string, raw: unknown): Promise<Row> {
  return mutation("inventory:write", async (ctx) => {
    const kind = kindOrThrow(kindKey);
    const data = parseInput(kind.schema, raw);
    return changeWithAudit(ctx, { action: `inventory.${kind.key}.create`, target: (row: Row) => kind.target(row) }, async (tx) => {
      const after = await kind.create(tx, data);
      return { before: null, after, result: after };
    });
  });
}

export function updateInventoryItem(kindKey: string, id: string, raw: unknown): Promise<Row> {
  return mutation("inventory:write", async (ctx) => {
    const kind = kindOrThrow(kindKey);
    const data = parseInput(kind.schema, raw);
    const current = await kind.get(ctx.db, id);
    if (!current) throw new AppError("not_found", `No ${kind.label.toLowerCase()} with id ${id}.`);
    return changeWithAudit(ctx, { action: `inventory.${kind.key}.update`, target: kind.target(current) }, async (tx) => {
      const before = await kind.get(tx, id);
      const after = await kind.update(tx, id, data);
      return { before, after, result: after };
    });
  });
}

export function deleteInventoryItem(kindKey: string, id: string): Promise<void> {
  return mutation("inventory:write", async (ctx) => {
    const kind = kindOrThrow(kindKey);
    const current = await kind.get(ctx.db, id);
    if (!current) throw new AppError("not_found", `No ${kind.label.toLowerCase()} with id ${id}.`);
    await changeWithAudit(ctx, { action: `inventory.${kind.key}.delete`, target: kind.target(current) }, async (tx) => {
      await kind.remove(tx, id);
      return { before: current, after: null, result: undefined };
    });
  });
}
