import "server-only";
import { unstable_rethrow } from "next/navigation";
import { isAppError, type FieldErrors } from "@/lib/errors";

/** What a server action returns to its form (useActionState). */
export type ActionState = {
  ok: boolean;
  status?: number;
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, so a rejected form keeps it. */
  values?: Record<string, string>;
  /** Shown once (a new API token, say). */
  secret?: string;
};

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (!key.startsWith("$") && typeof value === "string") values[key] = value;
  return values;
}

/** Runs a mutation for a form and turns its errors into form state; the same checks as the API run inside. */
export async function formAction(formData: FormData | null, work: () => Promise<ActionState | void>): Promise<ActionState> {
  const values = formData ? formValues(formData) : undefined;
  try {
    return (await work()) ?? { ok: true };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (isAppError(error)) {
      return { ok: false, status: error.status, message: error.message, fieldErrors: error.fieldErrors, values };
    }
    const requestId = crypto.randomUUID();
    console.error(`[${requestId}] unexpected error in server action`, error);
    return { ok: false, status: 500, message: `Something went wrong on our side (request ${requestId}).`, values };
  }
}
