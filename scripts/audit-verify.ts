// npm run audit:verify — walks Flightdeck's hash-chained audit log and names the first broken
// entry. Exit code 0 when the chain holds, 1 when it does not (for cron jobs and CI).
import { verifyAuditChain } from "@/lib/audit/audit-log";
import { openDatabase } from "@/lib/db/open";

const database = await openDatabase({ migrate: false, log: (line) => console.error(line) });
let ok = false;
try {
  const started = Date.now();
  const result = await verifyAuditChain(database.db);
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  ok = result.ok;
  if (result.ok) console.log(`audit chain intact: ${result.checked} entries checked in ${took}`);
  else console.log(`audit chain BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.checked} entries before it are intact; ${took})`);
} finally {
  await database.close();
}
process.exit(ok ? 0 : 1);
