"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/mutations/form-action";

export function DeleteButton({ action, label }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; label: string }) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Delete ${label}? This cannot be undone.`)) event.preventDefault();
      }}
    >
      {!state.ok && state.message && (
        <div className="notice error" role="alert" data-testid="delete-error" style={{ marginBottom: 8 }}>
          {state.message}
        </div>
      )}
      <button className="btn danger" type="submit" disabled={pending}>
        {pending ? "Deleting…" : "Delete"}
      </button>
    </form>
  );
}
