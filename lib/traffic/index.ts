// Public API of the traffic core: pure functions over plain data (no I/O), shared by
// the publish flow, the topology view, drift detection and the REST API.

export * from "./types";
export { buildDocument, TopologyError, splitToWeights, weightsToSplit, isValidSplit, isCanonicalWeights } from "./build-document";
export { parseDocument, managedToTopology, type ParsedDocument, type ManagedPolicy, type UnknownPolicy } from "./parse-document";
export { validateDocument, MAX_DOCUMENT_LENGTH, type ValidationProblem } from "./validate-document";
export {
  computeEffectiveShare,
  computeTopologyShare,
  sharesForPolicy,
  downEndpoints,
  endpointRegionsOf,
  topologyEndpointRegions,
} from "./effective-share";
export { markRegionDown, computeWhatIfRegionDown, computeTopologyWhatIf } from "./what-if";
export { diffVersions, type VersionDiff, type VersionSide, type DiffLine, type ShareDelta } from "./diff-versions";
export { canonicalize, serializeDocument, canonicalDocumentText } from "./canonical-json";
export { normalizeDocument, type NormalizedPolicy, type NormalizedRule, type NodeRef } from "./normalize-document";
export { REGION_COORDINATES, haversineKm, distanceFrom, regionFromDnsName } from "./region-geo";
