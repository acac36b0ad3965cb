"use server";

import { revalidatePath } from "next/cache";
import { formAction, formValues, type ActionState } from "@/lib/mutations/form-action";
import { createToken, createUser, revokeToken, updateUser } from "@/lib/users/mutations";

export async function createUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async () => {
    const user = await createUser(formValues(formData));
    revalidatePath("/admin/users");
    return { ok: true, message: `Created ${user.email}.` };
  });
}

export async function updateUserAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async () => {
    const user = await updateUser(id, formValues(formData));
    revalidatePath("/admin/users");
    return { ok: true, message: `Saved ${user.email}.` };
  });
}

export async function createTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(formData, async () => {
    const created = await createToken(formValues(formData));
    revalidatePath("/admin/tokens");
    return { ok: true, message: "Token created. Copy it now: it is not shown again.", secret: created.token };
  });
}

export async function revokeTokenAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  return formAction(null, async () => {
    await revokeToken(id);
    revalidatePath("/admin/tokens");
    return { ok: true, message: "Revoked." };
  });
}
