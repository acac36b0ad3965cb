import { TopologyDiagram } from "@/components/topology/topology-diagram";
import { AutoRefresh } from "@/components/traffic/auto-refresh";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { estateDiagramInputs } from "@/lib/traffic-control/queries";
import { stackDiagrams } from "@/lib/traffic-control/topology-model";

export const metadata = { title: "Topology" };

export default async function TopologyPage() {
  await pageActor("traffic:read", "/topology");
  const inputs = await estateDiagramInputs(getDb());
  const { nodes, edges } = stackDiagrams(inputs);
  const height = Math.max(...nodes.map((n) => n.y), 0) + 80;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Topology</h1>
          <p>Every service from CloudFront to its app clusters, with live health and the effective share on each edge.</p>
        </div>
      </div>
      <section className="card topology-card estate">
        <TopologyDiagram nodes={nodes} edges={edges} height={height} label="Estate traffic topology" />
      </section>
      <AutoRefresh everyMs={3000} />
    </>
  );
}
