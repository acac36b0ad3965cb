"use server";

import { formAction, formValues, type ActionState } from "@/lib/mutations/form-action";
import { resetRegionThresholdsToDefault, setDemoReplicaPausedState, updateRegionThresholds } from "@/lib/replication/mutations";
import { formatLag } from "@/lib/replication/format";

// Thin adapters from the replication page's forms to its mutations, which do every check.
// No revalidatePath: the page polls, so the next second shows the change.

export async function updateRegionThresholdsAction(regionCode: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async () => {
    const saved = await updateRegionThresholds(regionCode, formValues(formData));
    return { ok: true, message: `Saved: warning at ${formatLag(saved.warningMs)}, critical at ${formatLag(saved.criticalMs)}.` };
  });
}

export async function resetRegionThresholdsAction(regionCode: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  return formAction(null, async () => {
    await resetRegionThresholdsToDefault(regionCode);
    return { ok: true, message: "Back on the default thresholds." };
  });
}

export async function setDemoReplicaPausedAction(regionCode: string, paused: boolean, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  return formAction(null, async () => {
    await setDemoReplicaPausedState(regionCode, { paused });
    return { ok: true, message: paused ? `Replica in ${regionCode} paused: its lag grows until you resume it.` : `Replica in ${regionCode} resumed.` };
  });
}
