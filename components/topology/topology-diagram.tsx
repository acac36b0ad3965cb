"use client";

import { Background, Position, ReactFlow, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { DiagramEdge, DiagramNode } from "@/lib/traffic-control/topology-model";

// Draws a diagram built by lib/traffic-control/topology-model: fixed positions, nothing to
// drag or connect. Node colours are live health; edge labels are weight → effective share;
// edges carrying traffic are animated, edges into an unhealthy region are dashed red.

type Props = { nodes: DiagramNode[]; edges: DiagramEdge[]; height: number; label: string };

function NodeLabel({ node }: { node: DiagramNode }) {
  return (
    <div data-testid={node.testId} data-health={node.health ?? "none"} className="topo-label">
      <strong>{node.label}</strong>
      {node.detail && <span>{node.detail}</span>}
      {node.health && <span className={`topo-health ${node.health}`}>{node.health}</span>}
    </div>
  );
}

export function TopologyDiagram({ nodes, edges, height, label }: Props) {
  const flowNodes: Node[] = nodes.map((node) => ({
    id: node.id,
    position: { x: node.x, y: node.y },
    data: { label: <NodeLabel node={node} /> },
    className: `topo-node ${node.kind} ${node.health ?? ""}`,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    draggable: false,
    connectable: false,
    selectable: false,
  }));
  const flowEdges: Edge[] = edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: edge.label,
    animated: !edge.dead && (edge.share ?? 0) > 0,
    className: edge.dead ? "topo-edge dead" : (edge.share ?? 1) > 0 ? "topo-edge" : "topo-edge idle",
    labelBgPadding: [4, 2],
  }));
  return (
    <div className="topology" style={{ height: Math.max(160, height + 60) }} data-testid="topology" aria-label={label} role="img">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.3}
      >
        <Background gap={20} />
      </ReactFlow>
    </div>
  );
}
