import { AutoRefresh } from "@/components/traffic/auto-refresh";
import { ServiceTable } from "@/components/traffic/service-table";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listServiceSummaries } from "@/lib/traffic-control/queries";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  await pageActor("traffic:read", "/services");
  const services = await listServiceSummaries(getDb());
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Services</h1>
          <p>Live traffic policy version, split between single-region and latency routing, and health per region.</p>
        </div>
      </div>
      <ServiceTable services={services} />
      <AutoRefresh everyMs={5000} />
    </>
  );
}
