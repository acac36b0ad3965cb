// Percentiles for the benchmarks' summaries (nearest-rank).

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function summary(values: readonly number[]): string {
  if (!values.length) return "no samples";
  return `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
