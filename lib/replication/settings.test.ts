import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { replicationSettingsFrom } from "./settings";

const settingsFor = (vars: Record<string, string>) => replicationSettingsFrom(readEnv(vars));

describe("replication settings from the environment", () => {
  it("defaults: 1 s ticks, 400 ms probes, 5 s / 10 s, raw 24 h, minutes 30 days", () => {
    expect(settingsFor({})).toEqual({
      intervalMs: 1_000,
      probeTimeoutMs: 400,
      defaultThresholds: { warningMs: 5_000, criticalMs: 10_000 },
      retention: { rawRetentionMs: 86_400_000, aggregateRetentionMs: 30 * 86_400_000 },
      staleAfterMs: 5_000,
    });
  });

  it("reads every variable", () => {
    const s = settingsFor({
      FLIGHTDECK_REPLICATION_INTERVAL_MS: "2000",
      FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS: "900",
      FLIGHTDECK_REPLICATION_WARNING_MS: "700",
      FLIGHTDECK_REPLICATION_CRITICAL_MS: "1500",
      FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS: "0.5",
      FLIGHTDECK_REPLICATION_AGGREGATE_RETENTION_DAYS: "7",
    });
    expect(s).toMatchObject({ intervalMs: 2_000, probeTimeoutMs: 900, defaultThresholds: { warningMs: 700, criticalMs: 1_500 } });
    expect(s.retention).toEqual({ rawRetentionMs: 1_800_000, aggregateRetentionMs: 7 * 86_400_000 });
    // Slow ticks stretch the freshness window with them.
    expect(s.staleAfterMs).toBe(7_800);
  });

  it.each([
    [{ FLIGHTDECK_REPLICATION_WARNING_MS: "10000" }, "WARNING_MS must be below"],
    [{ FLIGHTDECK_REPLICATION_PROBE_TIMEOUT_MS: "600" }, "at most half"],
    [{ FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS: "48", FLIGHTDECK_REPLICATION_AGGREGATE_RETENTION_DAYS: "1" }, "at least as long"],
  ])("refuses inconsistent values %j", (vars, message) => {
    expect(() => settingsFor(vars)).toThrow(message);
  });

  it("refuses a raw retention too short to re-fold late minutes", () => {
    expect(() => settingsFor({ FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS: "0.01" })).toThrow("FLIGHTDECK_REPLICATION_RAW_RETENTION_HOURS");
  });
});
