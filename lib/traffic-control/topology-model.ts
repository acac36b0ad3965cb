import { parseDocument, type ShareResult } from "@/lib/traffic";

// The traffic shape of one service as a diagram: CloudFront behavior → record → weighted
// rule → single-region ELB / latency rule → regional bespoke ELBs → app clusters. Plain
// data with positions, so the client only draws it (components/topology).

export type NodeKind = "cloudfront" | "record" | "weighted" | "latency" | "elb" | "cluster" | "unknown";
export type Health = "healthy" | "unhealthy" | "unknown";

export type DiagramNode = { id: string; kind: NodeKind; label: string; detail?: string; health?: Health; x: number; y: number; testId?: string };
export type DiagramEdge = { id: string; source: string; target: string; label?: string; share?: number; dead?: boolean };
export type ServiceDiagram = { slug: string; nodes: DiagramNode[]; edges: DiagramEdge[]; height: number };

export type DiagramInput = {
  slug: string;
  pathPattern: string;
  recordName: string;
  topology: "single_region" | "multi_region";
  activeVersion: number | null;
  /** The live document (multi-region), or null. */
  document: string | null;
  share: ShareResult | null;
  origin: { name: string; regionCode: string } | null;
  /** Regional ELBs with their app cluster's heartbeat and its health. */
  regional: { name: string; regionCode: string; heartbeatUrl: string | null; health: Health; detail?: string }[];
};

const COLUMN = 270;
const ROW = 84;
/** 0.04 → "4 %", 0.0625 → "6.3 %". */
const pct = (share: number) => {
  const rounded = Math.round(share * 1000) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} %`;
};

export function buildDiagram(input: DiagramInput, top = 0): ServiceDiagram {
  const id = (part: string) => `${input.slug}:${part}`;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const node = (n: Omit<DiagramNode, "id"> & { key: string }) => nodes.push({ ...n, id: id(n.key) });
  const edge = (from: string, to: string, extra: Partial<DiagramEdge> = {}) => edges.push({ id: id(`${from}>${to}`), source: id(from), target: id(to), ...extra });

  // Multi-region services put the entry row between the single-region ELB (above) and the
  // latency rule (below), so the weighted rule's two edges and their labels fan apart.
  const entry = input.topology === "multi_region" && input.document ? top + ROW / 2 : top;
  node({ key: "cf", kind: "cloudfront", label: "CloudFront behavior", detail: input.pathPattern, x: 0, y: entry });
  node({ key: "record", kind: "record", label: input.recordName, detail: input.activeVersion ? `policy record · v${input.activeVersion}` : "origin record", x: COLUMN, y: entry });
  edge("cf", "record");

  if (input.topology === "single_region" || !input.document) {
    if (input.origin) {
      node({ key: "origin", kind: "elb", label: input.origin.name, detail: `${input.origin.regionCode} · single-region origin`, x: COLUMN * 2, y: top, testId: `node-${input.origin.name}` });
      edge("record", "origin", { label: "100 %", share: 1 });
    }
    return { slug: input.slug, nodes, edges, height: ROW };
  }

  const parsed = parseDocument(input.document);
  if (parsed.kind === "unknown") {
    node({ key: "unknown", kind: "unknown", label: "Policy not in Flightdeck's shape", detail: parsed.reason, x: COLUMN * 2, y: top });
    edge("record", "unknown");
    return { slug: input.slug, nodes, edges, height: ROW };
  }
  const shares = input.share?.kind === "computed" ? input.share.shares : {};
  const shareOf = (endpoint: string) => shares[endpoint] ?? 0;
  const regionalTotal = parsed.regions.reduce((sum, r) => sum + shareOf(r.endpointId), 0);
  const rows = Math.max(2.5, parsed.regions.length + 1);

  node({ key: "weighted", kind: "weighted", label: "Weighted rule", detail: `weights ${parsed.weights.single} / ${parsed.weights.multi}`, x: COLUMN * 2, y: entry });
  edge("record", "weighted");
  const single = parsed.singleRegion;
  node({ key: single.endpointId, kind: "elb", label: single.endpointId, detail: `${single.regionCode ?? input.origin?.regionCode ?? ""} · single-region`, x: COLUMN * 3, y: top, testId: `node-${single.endpointId}` });
  edge("weighted", single.endpointId, { label: `${(100 - parsed.split.multiRegionPercent).toFixed(0)} % → ${pct(shareOf(single.endpointId))}`, share: shareOf(single.endpointId) });
  node({ key: "latency", kind: "latency", label: "Latency rule", detail: `${parsed.regions.length} regions`, x: COLUMN * 3, y: top + ROW * 1.5 });
  edge("weighted", "latency", { label: `${parsed.split.multiRegionPercent.toFixed(0)} % → ${pct(regionalTotal)}`, share: regionalTotal });

  parsed.regions.forEach((region, index) => {
    const elb = input.regional.find((r) => r.name === region.endpointId);
    const y = top + ROW * (index + 1);
    const health = elb?.health ?? "unknown";
    const detail = health === "unhealthy" ? (elb?.detail ?? "heartbeat failing") : (elb?.heartbeatUrl ?? "heartbeat");
    node({ key: region.endpointId, kind: "elb", label: region.endpointId, detail: `${region.regionCode} · bespoke`, health, x: COLUMN * 4, y, testId: `node-${region.endpointId}` });
    edge("latency", region.endpointId, { label: pct(shareOf(region.endpointId)), share: shareOf(region.endpointId), dead: health === "unhealthy" });
    node({ key: `${region.endpointId}:app`, kind: "cluster", label: `App cluster · ${region.regionCode}`, detail, health, x: COLUMN * 5, y, testId: `cluster-${region.endpointId}` });
    edge(region.endpointId, `${region.endpointId}:app`, { dead: health === "unhealthy" });
  });
  return { slug: input.slug, nodes, edges, height: ROW * rows };
}

/** Several services stacked into one estate diagram. */
export function stackDiagrams(inputs: DiagramInput[]): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  let top = 0;
  for (const input of inputs) {
    const diagram = buildDiagram(input, top);
    nodes.push(...diagram.nodes);
    edges.push(...diagram.edges);
    top += diagram.height + ROW / 2;
  }
  return { nodes, edges };
}
