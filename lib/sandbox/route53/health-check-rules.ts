import { isIP } from "node:net";
import { CHECKER_REGIONS } from "../regions";
import type { HealthCheckConfig } from "../state";
import { Route53Error } from "./errors";

// The cross-field rules AWS applies to a HealthCheckConfig, beyond each member's own limits.

const invalid = (message: string) => new Route53Error("InvalidInput", message);

interface RuleContext {
  /** Test configuration: intervals below AWS's 10 seconds are accepted. */
  fast: boolean;
  exists(id: string): boolean;
}

export function checkHealthCheckConfig(config: HealthCheckConfig, context: RuleContext): void {
  switch (config.Type) {
    case "CALCULATED":
      return checkCalculated(config, context);
    case "CLOUDWATCH_METRIC":
    case "RECOVERY_CONTROL":
      throw invalid(`Health checks of type ${config.Type} are not available in the Flightdeck sandbox.`);
    default:
      return checkEndpoint(config, context);
  }
}

function checkEndpoint(config: HealthCheckConfig, context: RuleContext): void {
  if (!config.IPAddress && !config.FullyQualifiedDomainName) {
    throw invalid("A health check of this type needs an IPAddress or a FullyQualifiedDomainName.");
  }
  if (config.IPAddress !== undefined) checkAddress(config.IPAddress);
  if (config.Type.endsWith("STR_MATCH") && !config.SearchString) throw invalid(`A health check of type ${config.Type} needs a SearchString.`);
  if (config.ResourcePath !== undefined && config.Type !== "TCP" && !config.ResourcePath.startsWith("/")) {
    throw invalid("ResourcePath must begin with a slash (/).");
  }
  const interval = config.RequestInterval;
  if (!context.fast && interval !== 10 && interval !== 30) {
    throw invalid(`1 validation error detected: Value '${interval}' at 'healthCheckConfig.requestInterval' failed to satisfy constraint: RequestInterval must be 10 or 30`);
  }
  const regions = config.Regions;
  if (regions) {
    if (regions.length < 3) throw invalid("You must specify at least three regions for a health check.");
    const unknown = regions.filter((r) => !(CHECKER_REGIONS as readonly string[]).includes(r));
    if (unknown.length > 0) throw invalid(`Route 53 has no health checkers in: ${unknown.join(", ")}`);
    if (new Set(regions).size !== regions.length) throw invalid("The list of regions contains a duplicate.");
  }
}

function checkCalculated(config: HealthCheckConfig, context: RuleContext): void {
  const children = config.ChildHealthChecks ?? [];
  if (children.length === 0) throw invalid("A CALCULATED health check needs ChildHealthChecks.");
  const missing = children.find((id) => !context.exists(id));
  if (missing) throw invalid(`Child health check ${missing} does not exist.`);
  if (config.HealthThreshold === undefined) throw invalid("A CALCULATED health check needs a HealthThreshold.");
}

/**
 * AWS refuses addresses it cannot reach from the internet. The one deliberate difference:
 * the sandbox accepts loopback, because the demo's heartbeat servers listen on 127.0.0.1.
 */
function checkAddress(address: string): void {
  const family = isIP(address);
  if (family === 0) throw invalid(`IP address ${address} is not valid.`);
  if (family === 6) return;
  const [a = 0, b = 0] = address.split(".").map(Number);
  const reserved =
    a === 0 || a === 10 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  if (reserved) throw invalid(`IP address ${address} is in a private or reserved range; health checkers can't reach it.`);
}
