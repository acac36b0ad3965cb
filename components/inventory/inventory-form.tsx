"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/mutations/form-action";

export type FormField = {
  name: string;
  label: string;
  type: "text" | "number" | "select";
  options?: { value: string; label: string }[];
  placeholder?: string;
  help?: string;
  optional?: boolean;
  readOnly?: boolean;
};

type Props = {
  fields: FormField[];
  initial: Record<string, string>;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
};

export function InventoryForm({ fields, initial, action, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, { ok: true });
  const values = state.values ?? initial;
  return (
    // key: a rejected submit re-renders the inputs with what the user typed
    <form className="stack" action={formAction} noValidate key={JSON.stringify(state.values ?? null)}>
      {!state.ok && state.message && (
        <div className="notice error" role="alert" data-testid="form-error">
          {state.message}
        </div>
      )}
      {state.ok && state.message && (
        <div className="notice ok" role="status" data-testid="form-ok">
          {state.message}
        </div>
      )}
      {fields.map((field) => {
        const errors = state.fieldErrors?.[field.name];
        const id = `field-${field.name}`;
        const common = {
          id,
          name: field.name,
          defaultValue: values[field.name] ?? "",
          "aria-invalid": errors ? true : undefined,
          "aria-describedby": errors ? `${id}-error` : undefined,
          readOnly: field.readOnly,
        };
        return (
          <div className="field" key={field.name} data-invalid={errors ? "true" : undefined}>
            <label htmlFor={id}>
              {field.label}
              {field.optional && <span className="muted"> (optional)</span>}
            </label>
            {field.type === "select" ? (
              <select {...common} disabled={field.readOnly}>
                <option value="">{field.optional ? "— none —" : "Choose…"}</option>
                {field.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input {...common} type="text" inputMode={field.type === "number" ? "decimal" : undefined} placeholder={field.placeholder} />
            )}
            {field.help && <div className="help">{field.help}</div>}
            {errors && (
              <div className="error" id={`${id}-error`} data-testid={`error-${field.name}`}>
                {errors.join(" ")}
              </div>
            )}
          </div>
        );
      })}
      <div className="actions">
        <button className="btn primary" type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
