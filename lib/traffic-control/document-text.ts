import { canonicalize } from "@/lib/traffic";

// The one text form of a document that Flightdeck sends to Route 53 and stores: canonical
// key order, compact. Compact because a single line survives every XML round trip (the
// SDK writes newlines as &#x0A;, which not every reader decodes); canonical so two texts are
// equal exactly when the documents are. The console pretty-prints it for reading.

export function documentText(document: unknown): string {
  if (typeof document === "string") {
    try {
      return JSON.stringify(canonicalize(JSON.parse(document) as unknown));
    } catch {
      return document; // not JSON: kept verbatim, shown read-only
    }
  }
  return JSON.stringify(canonicalize(document));
}
