"use client";

import { useActionState } from "react";
import { setDemoReplicaPausedAction } from "@/app/(console)/replication/actions";
import type { ActionState } from "@/lib/mutations/form-action";

/** Demo mode only: freeze or thaw the region's local replica, to watch its lag grow and recover. */
export function DemoReplicaControl({ region, paused }: { region: string; paused: boolean }) {
  const [state, action, pending] = useActionState(setDemoReplicaPausedAction.bind(null, region, !paused), { ok: true } as ActionState);
  return (
    <form action={action} className="demo-control" data-testid="demo-control">
      <button className={`btn ${paused ? "primary" : "danger"}`} type="submit" disabled={pending}>
        {pending ? "…" : paused ? "Resume replica" : "Pause replica"}
      </button>
      <span className="muted">demo: {paused ? "replica paused (SIGSTOP)" : "SIGSTOP the local replica"}</span>
      {state.message && (
        <div className={`notice ${state.ok ? "ok" : "error"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </div>
      )}
    </form>
  );
}
