import "server-only";
import type { Db } from "@/lib/db";
import type { OptionSource } from "./kinds";

export type Options = Record<OptionSource, { value: string; label: string }[]>;

/** Choices for the inventory forms' select fields. */
export async function loadOptions(db: Db): Promise<Options> {
  const [regions, services, loadBalancers, accounts] = await Promise.all([
    db.region.findMany({ orderBy: { code: "asc" } }),
    db.service.findMany({ orderBy: { slug: "asc" } }),
    db.loadBalancer.findMany({ orderBy: [{ regionCode: "asc" }, { name: "asc" }] }),
    db.awsAccount.findMany({ orderBy: { name: "asc" } }),
  ]);
  return {
    regions: regions.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` })),
    services: services.map((s) => ({ value: s.id, label: s.slug })),
    loadBalancers: loadBalancers.map((l) => ({ value: l.id, label: `${l.name} — ${l.regionCode}` })),
    accounts: accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.accountId})` })),
  };
}
