import { createServer } from "node:net";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { Route53Client } from "@aws-sdk/client-route-53";
import { expect } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";

// Shared by the sandbox's integration tests: a sandbox on a free loopback port and real SDK
// clients pointed at it, exactly as Flightdeck's own code would configure them.

export const TEST_ACCESS_KEY = "AKIASANDBOXTEST01";

export interface ClientOptions {
  /** Default 1 (no retries) so a test sees each error as it is; "sdk-default" leaves the SDK's own retry policy. */
  maxAttempts?: number | "sdk-default";
  accessKeyId?: string;
  region?: string;
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  route53(options?: ClientOptions): Route53Client;
  cloudTrail(options?: ClientOptions): CloudTrailClient;
  close(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ throttle: false, changeDelayMs: 150, fastHealthChecks: true, fastHealthCheckIntervalMs: 100, mutationLatencyMs: 0, log: () => {}, ...options });
  const clients: { destroy(): void }[] = [];
  const config = (o: ClientOptions = {}) => ({
    endpoint: sandbox.url,
    region: o.region ?? "us-east-1",
    credentials: { accessKeyId: o.accessKeyId ?? TEST_ACCESS_KEY, secretAccessKey: "not-checked" },
    ...(o.maxAttempts === "sdk-default" ? {} : { maxAttempts: o.maxAttempts ?? 1 }),
  });
  return {
    sandbox,
    route53(o) {
      const client = new Route53Client(config(o));
      clients.push(client);
      return client;
    },
    cloudTrail(o) {
      const client = new CloudTrailClient(config(o));
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await sandbox.close();
    },
  };
}

/** Asserts that the SDK threw the AWS error `name` after an HTTP `status` answer. */
export async function expectAwsError(promise: Promise<unknown>, name: string, status: number): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error?.name).toBe(name);
  expect(error?.$metadata?.httpStatusCode).toBe(status);
  return error as Error;
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A loopback port that was free a moment ago (for demo clusters in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small valid policy document: weighted over two value endpoints. */
export function weightedDocument(weights: [number, number] = [90, 10], recordType = "A"): string {
  const values = recordType === "AAAA" ? ["2001:db8::1", "2001:db8::2"] : ["192.0.2.1", "192.0.2.2"];
  return JSON.stringify({
    AWSPolicyFormatVersion: "2015-10-01",
    RecordType: recordType,
    StartRule: "split",
    Endpoints: { one: { Type: "value", Value: values[0] }, two: { Type: "value", Value: values[1] } },
    Rules: {
      split: {
        RuleType: "weighted",
        Items: [
          { EndpointReference: "one", Weight: String(weights[0]) },
          { EndpointReference: "two", Weight: String(weights[1]) },
        ],
      },
    },
  });
}
