import { createTwoFilesPatch, diffLines } from "diff";

import { canonicalDocumentText } from "./canonical-json";
import { computeEffectiveShare } from "./effective-share";
import type { ShareOptions, ShareResult } from "./types";

// What the operator reviews before publishing or rolling back: the document change
// as lines of the canonical text (so key order or whitespace never shows up as a
// change), and how the share of traffic per endpoint moves under the same health
// and client mix.

export interface VersionSide {
  /** Shown in the patch header, e.g. "v7". */
  label: string;
  /** The document as a JSON string or a parsed value. */
  document: unknown;
}

export interface DiffLine {
  kind: "added" | "removed" | "unchanged";
  text: string;
  /** 1-based line number in the old text (removed/unchanged lines). */
  oldLine?: number;
  /** 1-based line number in the new text (added/unchanged lines). */
  newLine?: number;
}

export interface ShareDelta {
  endpointId: string;
  /** Null when that side's share could not be computed. */
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface VersionDiff {
  changed: boolean;
  lines: DiffLine[];
  added: number;
  removed: number;
  /** Unified diff of the canonical texts. */
  patch: string;
  shares: ShareDelta[];
  before: ShareResult;
  after: ShareResult;
}

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function lineDiff(oldText: string, newText: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of diffLines(oldText, newText)) {
    for (const text of splitLines(change.value)) {
      if (change.added) out.push({ kind: "added", text, newLine: newLine++ });
      else if (change.removed) out.push({ kind: "removed", text, oldLine: oldLine++ });
      else out.push({ kind: "unchanged", text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return out;
}

function shareOf(result: ShareResult, endpointId: string): number | null {
  // An endpoint missing from a computed side gets no traffic there: 0, not unknown.
  return result.kind === "computed" ? (result.shares[endpointId] ?? 0) : null;
}

function shareDeltas(before: ShareResult, after: ShareResult): ShareDelta[] {
  const ids = new Set<string>();
  for (const side of [before, after]) if (side.kind === "computed") Object.keys(side.shares).forEach((id) => ids.add(id));
  return [...ids].sort().map((endpointId) => {
    const b = shareOf(before, endpointId);
    const a = shareOf(after, endpointId);
    return { endpointId, before: b, after: a, delta: a !== null && b !== null ? a - b : null };
  });
}

/** Document and effective-share diff between two versions, evaluated under the same options. */
export function diffVersions(before: VersionSide, after: VersionSide, options: ShareOptions = {}): VersionDiff {
  const oldText = canonicalDocumentText(before.document);
  const newText = canonicalDocumentText(after.document);
  const lines = lineDiff(oldText, newText);
  const beforeShare = computeEffectiveShare(before.document, options);
  const afterShare = computeEffectiveShare(after.document, options);
  return {
    changed: oldText !== newText,
    lines,
    added: lines.filter((line) => line.kind === "added").length,
    removed: lines.filter((line) => line.kind === "removed").length,
    patch: createTwoFilesPatch(before.label, after.label, oldText, newText, undefined, undefined, { context: 3 }),
    shares: shareDeltas(beforeShare, afterShare),
    before: beforeShare,
    after: afterShare,
  };
}
