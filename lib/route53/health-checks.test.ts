import { describe, expect, it } from "vitest";
import { healthCheckConfig } from "./health-checks";

// A heartbeat URL becomes Route 53's HealthCheckConfig: IP or host name, port, path.

describe("healthCheckConfig", () => {
  const table: [string, string, Record<string, unknown>][] = [
    ["loopback demo heartbeat", "http://127.0.0.1:4610/heartbeat", { Type: "HTTP", IPAddress: "127.0.0.1", Port: 4610, ResourcePath: "/heartbeat" }],
    ["ELB host name over HTTPS", "https://flights-hb-sg.example.com/health?deep=1", { Type: "HTTPS", FullyQualifiedDomainName: "flights-hb-sg.example.com", Port: 443, ResourcePath: "/health?deep=1" }],
    ["plain HTTP default port", "http://hb.example.com/", { Type: "HTTP", FullyQualifiedDomainName: "hb.example.com", Port: 80, ResourcePath: "/" }],
    ["IPv6 literal", "http://[2001:db8::1]:8080/hb", { Type: "HTTP", IPAddress: "2001:db8::1", Port: 8080, ResourcePath: "/hb" }],
  ];
  it.each(table)("%s", (_, url, expected) => {
    expect(healthCheckConfig({ callerReference: "x", url: new URL(url), requestIntervalSeconds: 10, failureThreshold: 3 })).toEqual({
      ...expected,
      RequestInterval: 10,
      FailureThreshold: 3,
    });
  });
});
