// Number and time formatting shared by the traffic components.

/** 0.04 → "4 %", 0.0625 → "6.3 %": one decimal, none when it is zero (and no float noise). */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return "—";
  const rounded = Math.round(share * 1000) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} %`;
}

export function signedPercent(delta: number | null): string {
  if (delta === null) return "—";
  if (Math.abs(delta) < 1e-9) return "±0";
  return `${delta > 0 ? "+" : "−"}${percent(Math.abs(delta))}`;
}

export function when(iso: string | null): string {
  return iso ? iso.replace("T", " ").slice(0, 19) : "—";
}

export const stateBadge: Record<string, string> = {
  applied: "ok",
  adopted: "info",
  pending: "warn",
  applying: "warn",
  failed: "bad",
  healthy: "ok",
  unhealthy: "bad",
  unknown: "",
};
