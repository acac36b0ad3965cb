"use client";

import type { TrafficRequest } from "./use-traffic-request";

// Live progress of a publish or rollback, then its outcome.

export function OperationProgress({ request }: { request: TrafficRequest }) {
  if (request.state === "idle") return null;
  return (
    <div className="operation-progress" aria-live="polite">
      <ol className="steps" data-testid="operation-steps">
        {request.steps.map((step, i) => (
          <li key={`${i}-${step}`}>{step}</li>
        ))}
        {request.state === "running" && <li className="muted">…</li>}
      </ol>
      {request.state === "done" && (
        <div className="notice ok" role="status" data-testid="operation-result">
          {request.message}
        </div>
      )}
      {request.state === "error" && (
        <div className="notice error" role="alert" data-testid="operation-error">
          {request.message}
        </div>
      )}
    </div>
  );
}
