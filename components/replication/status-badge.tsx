import { statusHelp, statusLabel, statusTone } from "@/lib/replication/format";
import type { ReplicationStatus } from "@/lib/replication/types";

export function StatusBadge({ status, testId }: { status: ReplicationStatus; testId?: string }) {
  return (
    <span className={`badge ${statusTone[status]}`} title={statusHelp[status]} data-testid={testId} data-status={status}>
      {statusLabel[status]}
    </span>
  );
}
