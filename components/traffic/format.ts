// Number and time formatting shared by the traffic components.

export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined) return "—";
  const value = share * 100;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(digits)} %`;
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
