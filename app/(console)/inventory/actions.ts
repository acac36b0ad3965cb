"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createInventoryItem, deleteInventoryItem, updateInventoryItem } from "@/lib/inventory/mutations";
import { formAction, formValues, type ActionState } from "@/lib/mutations/form-action";

// Thin adapters from forms to the inventory mutations, which do every check.

export async function createInventoryItemAction(kind: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(formData, async () => {
    await createInventoryItem(kind, formValues(formData));
  });
  if (!state.ok) return state;
  revalidatePath(`/inventory/${kind}`);
  redirect(`/inventory/${kind}?created=1`);
}

export async function updateInventoryItemAction(kind: string, id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await formAction(formData, async () => {
    await updateInventoryItem(kind, id, formValues(formData));
  });
  if (!state.ok) return state;
  revalidatePath(`/inventory/${kind}`);
  return { ok: true, message: "Saved." };
}

export async function deleteInventoryItemAction(kind: string, id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const state = await formAction(null, () => deleteInventoryItem(kind, id));
  if (!state.ok) return state;
  revalidatePath(`/inventory/${kind}`);
  redirect(`/inventory/${kind}?deleted=1`);
}
