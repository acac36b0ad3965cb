"use client";

import { useActionState } from "react";
import { resetRegionThresholdsAction, updateRegionThresholdsAction } from "@/app/(console)/replication/actions";
import type { ActionState } from "@/lib/mutations/form-action";
import type { Thresholds } from "@/lib/replication/types";

/** Admins only (the action checks again): a region's warning and critical lag, in milliseconds. */
export function ThresholdsForm({ region, thresholds, isDefault }: { region: string; thresholds: Thresholds; isDefault: boolean }) {
  const [state, save, saving] = useActionState(updateRegionThresholdsAction.bind(null, region), { ok: true } as ActionState);
  const [resetState, reset, resetting] = useActionState(resetRegionThresholdsAction.bind(null, region), { ok: true } as ActionState);
  const values = state.values ?? { warningMs: String(thresholds.warningMs), criticalMs: String(thresholds.criticalMs) };
  const fields = [
    { name: "warningMs", label: "Warning at (ms)" },
    { name: "criticalMs", label: "Critical at (ms)" },
  ] as const;
  const message = !state.ok ? state : !resetState.ok ? resetState : state.message ? state : resetState;
  return (
    <details className="thresholds-editor" data-testid="thresholds-editor">
      <summary>Edit thresholds</summary>
      {message.message && (
        <div className={`notice ${message.ok ? "ok" : "error"}`} role={message.ok ? "status" : "alert"} data-testid={message.ok ? "thresholds-ok" : "thresholds-error"}>
          {message.message}
        </div>
      )}
      <form action={save} noValidate className="thresholds-form" key={JSON.stringify(state.values ?? null)}>
        {fields.map((f) => {
          const errors = state.fieldErrors?.[f.name];
          const id = `${region}-${f.name}`;
          return (
            <div className="field" key={f.name} data-invalid={errors ? "true" : undefined}>
              <label htmlFor={id}>{f.label}</label>
              <input id={id} name={f.name} inputMode="numeric" defaultValue={values[f.name] ?? ""} aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined} />
              {errors && (
                <div className="error" id={`${id}-error`} data-testid={`error-${f.name}`}>
                  {errors.join(" ")}
                </div>
              )}
            </div>
          );
        })}
        <div className="actions">
          <button className="btn primary" type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save thresholds"}
          </button>
        </div>
      </form>
      {!isDefault && (
        <form action={reset}>
          <button className="btn" type="submit" disabled={resetting}>
            {resetting ? "Resetting…" : "Use the defaults"}
          </button>
        </form>
      )}
    </details>
  );
}
