import type { Split, SplitWeights } from "./types";

// The slider speaks percent; Route 53 speaks integer weights 0–255. Using
// single = 100 − p and multi = p keeps the mapping exact and reversible, and at
// 0 % and 100 % one side gets weight 0, which Route 53 honours (it only splits
// evenly when *every* weight is 0).

export function isValidSplit(split: Split): boolean {
  const p = split.multiRegionPercent;
  return Number.isInteger(p) && p >= 0 && p <= 100;
}

/** Integer weights for a split. Throws RangeError for a percent that is not an integer 0–100. */
export function splitToWeights(split: Split): SplitWeights {
  if (!isValidSplit(split)) {
    throw new RangeError(`multiRegionPercent must be an integer from 0 to 100, got ${String(split.multiRegionPercent)}`);
  }
  return { single: 100 - split.multiRegionPercent, multi: split.multiRegionPercent };
}

/**
 * The share Route 53 actually gives latency routing for two weights, in percent
 * (possibly fractional, e.g. weights 1 and 2). All-zero weights split evenly: 50 %.
 */
export function weightsToSplit(weights: SplitWeights): Split {
  const total = weights.single + weights.multi;
  if (total === 0) return { multiRegionPercent: 50 };
  return { multiRegionPercent: (weights.multi / total) * 100 };
}

/** Whether the weights are exactly what splitToWeights produces for some split. */
export function isCanonicalWeights(weights: SplitWeights): boolean {
  return (
    Number.isInteger(weights.single) &&
    Number.isInteger(weights.multi) &&
    weights.single >= 0 &&
    weights.multi >= 0 &&
    weights.single + weights.multi === 100
  );
}
