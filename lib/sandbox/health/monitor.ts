import type { HealthView, Observation } from "../route53/operation";
import { CHECKER_IPS, CHECKER_REGIONS } from "../regions";
import type { HealthCheck } from "../state";
import type { SandboxStore } from "../store";
import { probe, type ProbeTarget } from "./probe";

// Runs the health checkers. Every health check is probed independently from each of its
// checker regions, each region flips its view only after FailureThreshold consecutive results
// the other way, and the check as a whole is healthy while more than 18% of the regions say
// so — the rules Route 53 documents. New checks count as healthy until evidence says otherwise.

const HEALTHY_FRACTION = 0.18;

interface RegionView {
  region: string;
  healthy: boolean;
  streak: number;
  last?: Observation;
  timer?: NodeJS.Timeout;
}

interface Runner {
  check: HealthCheck;
  regions: RegionView[];
}

export interface MonitorOptions {
  /** Probe every check every `fastIntervalMs` instead of every RequestInterval seconds. */
  fast: boolean;
  fastIntervalMs: number;
  clock: () => number;
}

export class HealthMonitor implements HealthView {
  private readonly runners = new Map<string, Runner>();
  private stopped = false;

  constructor(
    private readonly store: SandboxStore,
    private readonly options: MonitorOptions,
  ) {}

  sync(): void {
    if (this.stopped) return;
    const checks = this.store.state.healthChecks;
    for (const [id, runner] of this.runners) {
      if (checks[id] !== runner.check || runner.check.deleted) this.stopRunner(id);
    }
    for (const check of Object.values(checks)) {
      if (check.deleted || check.config.Type === "CALCULATED" || this.runners.has(check.id)) continue;
      this.startRunner(check);
    }
  }

  isHealthy(id: string): boolean | undefined {
    return this.evaluate(id, new Set());
  }

  observations(id: string): Observation[] {
    const runner = this.runners.get(id);
    if (!runner) return [];
    return runner.regions.flatMap((r) => (r.last ? [r.last] : []));
  }

  stop(): void {
    this.stopped = true;
    for (const id of [...this.runners.keys()]) this.stopRunner(id);
  }

  private evaluate(id: string, seen: Set<string>): boolean | undefined {
    const check = this.store.state.healthChecks[id];
    if (!check || check.deleted || seen.has(id)) return undefined;
    seen.add(id);
    const { config } = check;
    // Route 53 treats a disabled health check as healthy, whatever the endpoint does.
    if (config.Disabled) return true;
    let healthy: boolean;
    if (config.Type === "CALCULATED") {
      const children = (config.ChildHealthChecks ?? []).map((child) => this.evaluate(child, new Set(seen)));
      healthy = children.filter((c) => c === true).length >= (config.HealthThreshold ?? 1);
    } else {
      const regions = this.runners.get(id)?.regions ?? [];
      healthy = regions.length === 0 || regions.filter((r) => r.healthy).length / regions.length > HEALTHY_FRACTION;
    }
    return config.Inverted ? !healthy : healthy;
  }

  private startRunner(check: HealthCheck): void {
    const regions = check.config.Regions ?? [...CHECKER_REGIONS];
    const runner: Runner = { check, regions: regions.map((region) => ({ region, healthy: true, streak: 0 })) };
    this.runners.set(check.id, runner);
    const period = this.period(check);
    // Checker regions are not synchronised on AWS either: spread their first probes out.
    runner.regions.forEach((view, i) => this.schedule(runner, view, i === 0 ? 0 : Math.floor((period * i) / regions.length)));
  }

  private stopRunner(id: string): void {
    const runner = this.runners.get(id);
    if (!runner) return;
    for (const view of runner.regions) clearTimeout(view.timer);
    this.runners.delete(id);
  }

  private period(check: HealthCheck): number {
    return this.options.fast ? this.options.fastIntervalMs : (check.config.RequestInterval ?? 30) * 1000;
  }

  private schedule(runner: Runner, view: RegionView, delay: number): void {
    view.timer = setTimeout(() => void this.runProbe(runner, view), delay);
    view.timer.unref();
  }

  private async runProbe(runner: Runner, view: RegionView): Promise<void> {
    const { check } = runner;
    const period = this.period(check);
    const result = await probe(target(check), Math.max(100, Math.min(period, this.options.fast ? 1000 : 4000)));
    if (this.stopped || this.runners.get(check.id) !== runner) return;
    view.last = { region: view.region, ipAddress: CHECKER_IPS[view.region] ?? "15.177.0.1", status: result.status, checkedAt: this.options.clock() };
    if (result.ok === view.healthy) {
      view.streak = 0;
    } else if (++view.streak >= (check.config.FailureThreshold ?? 3)) {
      view.healthy = result.ok;
      view.streak = 0;
    }
    this.schedule(runner, view, period);
  }
}

function target(check: HealthCheck): ProbeTarget {
  const { config } = check;
  return {
    type: config.Type,
    address: config.IPAddress ?? config.FullyQualifiedDomainName ?? "127.0.0.1",
    port: config.Port ?? (config.Type.startsWith("HTTPS") ? 443 : 80),
    path: config.ResourcePath || "/",
    hostHeader: config.FullyQualifiedDomainName,
    searchString: config.SearchString,
    enableSni: config.EnableSNI,
  };
}
