import "server-only";
import type { Db } from "@/lib/db/client";

// Values the filter form offers: the inventory's accounts and regions and whatever ingest has
// seen (cloudtrail_facet, kept at ingest so no DISTINCT runs over millions of events), plus
// the audit log's actors and actions. The form still takes any value typed in.

export type FilterOptions = {
  accounts: { value: string; label: string }[];
  regions: string[];
  sources: string[];
  names: string[];
  actors: string[];
  resourceTypes: string[];
};

const FACET_LIMIT = 500;

export async function loadFilterOptions(db: Db): Promise<FilterOptions> {
  const [accounts, regions, facets, audit] = await Promise.all([
    db.awsAccount.findMany({ select: { accountId: true, name: true }, orderBy: { name: "asc" } }),
    db.region.findMany({ select: { code: true }, orderBy: { code: "asc" } }),
    db.$queryRaw<{ field: string; value: string }[]>`
      SELECT field, value FROM (
        SELECT field, value, row_number() OVER (PARTITION BY field ORDER BY last_seen DESC) AS rank FROM cloudtrail_facet
      ) ranked WHERE rank <= ${FACET_LIMIT} ORDER BY field, value`,
    // The audit log is small next to CloudTrail; its recent actors and actions are enough.
    db.$queryRaw<{ field: string; value: string }[]>`
      SELECT DISTINCT 'actor' AS field, actor AS value FROM (SELECT actor FROM audit_entry ORDER BY seq DESC LIMIT 5000) a
      UNION SELECT DISTINCT 'name', action FROM (SELECT action FROM audit_entry ORDER BY seq DESC LIMIT 5000) b`,
  ]);
  const of = (field: string, rows: { field: string; value: string }[]) => rows.filter((r) => r.field === field).map((r) => r.value);
  const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const named = new Map(accounts.map((a) => [a.accountId, `${a.name} (${a.accountId})`]));
  return {
    accounts: sorted([...accounts.map((a) => a.accountId), ...of("account", facets)]).map((value) => ({ value, label: named.get(value) ?? value })),
    regions: sorted([...regions.map((r) => r.code), ...of("region", facets)]),
    sources: sorted(["flightdeck", ...of("source", facets)]),
    names: sorted([...of("name", facets), ...of("name", audit)]),
    actors: sorted([...of("actor", facets), ...of("actor", audit)]),
    resourceTypes: sorted(of("resourceType", facets)),
  };
}
