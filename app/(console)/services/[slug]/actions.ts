"use server";

import { revalidatePath } from "next/cache";
import { formAction, type ActionState } from "@/lib/mutations/form-action";
import { adoptServiceDrift, revertServiceDrift } from "@/lib/traffic-control/mutations";

// Resolving drift from the service page; the mutations do every check.

export async function adoptDriftAction(slug: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const state = await formAction(null, async () => {
    const result = await adoptServiceDrift(slug);
    const imported = result.importedVersions.length ? ` Recorded ${result.importedVersions.map((v) => `v${v}`).join(", ")} in the history.` : "";
    return { ok: true, message: `Adopted Route 53's state: v${result.activeVersion ?? "—"} is live in Flightdeck's record.${imported}` };
  });
  if (state.ok) revalidatePath(`/services/${slug}`);
  return state;
}

export async function revertDriftAction(slug: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const state = await formAction(null, async () => {
    const result = await revertServiceDrift(slug);
    return { ok: true, message: `Reverted: the policy record answers with v${result.activeVersion} again.` };
  });
  if (state.ok) revalidatePath(`/services/${slug}`);
  return state;
}
