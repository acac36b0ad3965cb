"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/mutations/form-action";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  submitLabel: string;
  className?: string;
  danger?: boolean;
  confirm?: string;
};

/** A form bound to a server action, showing its message, field errors and one-time secret. */
export function ActionForm({ action, children, submitLabel, className, danger, confirm }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  return (
    <form
      className={className}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {state.message && (
        <div className={`notice ${state.ok ? "ok" : "error"}`} role={state.ok ? "status" : "alert"} data-testid={state.ok ? "form-ok" : "form-error"}>
          {state.message}
          {state.fieldErrors && (
            <ul>
              {Object.entries(state.fieldErrors).map(([field, messages]) => (
                <li key={field} data-testid={`error-${field}`}>
                  {field}: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.secret && (
        <pre className="notice info" data-testid="secret" style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          {state.secret}
        </pre>
      )}
      {children}
      <button className={`btn ${danger ? "danger" : "primary"}`} type="submit" disabled={pending}>
        {pending ? "Working…" : submitLabel}
      </button>
    </form>
  );
}
