import { ActionForm } from "@/components/admin/action-form";
import type { DriftReport } from "@/lib/traffic-control/drift";
import type { ActionState } from "@/lib/mutations/form-action";
import { when } from "./format";

// Shown when the reconciler found Route 53 differing from Flightdeck's record: what
// differs, and (for operators) the two ways out.

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = { drift: DriftReport; detectedAt: string | null; adopt?: Action; revert?: Action };

export function DriftBanner({ drift, detectedAt, adopt, revert }: Props) {
  return (
    <div className="notice warn drift-banner" role="status" data-testid="drift-banner">
      <strong>Route 53 was changed outside Flightdeck</strong> <span className="muted">(noticed {when(detectedAt)} UTC, checked {when(drift.checkedAt)})</span>
      <ul>
        {drift.items.map((item) => (
          <li key={item.kind} data-testid={`drift-${item.kind}`}>{item.message}</li>
        ))}
      </ul>
      {adopt && revert && (
        <div className="drift-actions">
          <ActionForm action={adopt} submitLabel="Adopt Route 53's state">
            <p className="muted small">Record what Route 53 has as Flightdeck&apos;s truth. Nothing is sent to Route 53.</p>
          </ActionForm>
          <ActionForm action={revert} submitLabel="Revert to Flightdeck's version" danger confirm="Point the policy record back at Flightdeck's live version?">
            <p className="muted small">Point the policy record back at Flightdeck&apos;s live version.</p>
          </ActionForm>
        </div>
      )}
    </div>
  );
}
