// npm run bench:sandbox [-- --seconds 5 --concurrency 8]
//
// Requests per second the AWS sandbox sustains through the real SDK clients, with throttling
// off: GetTrafficPolicyInstance (Route 53, REST-XML) and LookupEvents (CloudTrail, JSON; a
// full 50-event page of the seeded 90-day history, and a filtered lookup). The sandbox runs
// in a child process so client and server each get their own event loop, as in real use.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CreateHostedZoneCommand, CreateTrafficPolicyCommand, CreateTrafficPolicyInstanceCommand, GetTrafficPolicyInstanceCommand, Route53Client } from "@aws-sdk/client-route-53";
import { startSandbox } from "@/lib/sandbox";

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

if (process.argv.includes("--serve")) {
  const sandbox = await startSandbox({ throttle: false, changeDelayMs: 0, log: () => {} });
  process.send?.({ url: sandbox.url });
  // The parent asks for the server's CPU time around each run, to tell server cost from SDK cost.
  process.on("message", () => process.send?.({ cpu: process.cpuUsage() }));
  process.on("disconnect", () => void sandbox.close().then(() => process.exit(0)));
} else {
  await main();
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url };
}

function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (message) => {
      const { cpu } = message as { cpu: NodeJS.CpuUsage };
      resolve((cpu.user + cpu.system) / 1000);
    });
    child.send("cpu");
  });
}

async function measure(child: ChildProcess, name: string, seconds: number, concurrency: number, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 50; i++) await call(); // warm-up: JIT, sockets, caches
  const cpuBefore = await serverCpuMs(child);
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverMs = ((await serverCpuMs(child)) - cpuBefore) / latencies.length;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2);
  console.log(`${name.padEnd(44)} ${(latencies.length / elapsed).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5)} ms   p99 ${pct(0.99)} ms   server CPU ${serverMs.toFixed(3)} ms/req   (${latencies.length} calls)`);
}

async function main(): Promise<void> {
  const seconds = argument("seconds", 5);
  const concurrency = argument("concurrency", 8);
  const { child, url } = await startServer();
  const config = { endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIABENCHMARK0001", secretAccessKey: "x" }, maxAttempts: 1 };
  const route53 = new Route53Client(config);
  const cloudTrail = new CloudTrailClient(config);
  try {
    const zone = await route53.send(new CreateHostedZoneCommand({ Name: "bench.example.com", CallerReference: "bench" }));
    const policy = await route53.send(
      new CreateTrafficPolicyCommand({
        Name: "bench",
        Document: JSON.stringify({ AWSPolicyFormatVersion: "2015-10-01", RecordType: "A", StartEndpoint: "a", Endpoints: { a: { Type: "value", Value: "192.0.2.1" } } }),
      }),
    );
    const instance = await route53.send(new CreateTrafficPolicyInstanceCommand({ HostedZoneId: zone.HostedZone?.Id, Name: "www.bench.example.com", TTL: 60, TrafficPolicyId: policy.TrafficPolicy?.Id, TrafficPolicyVersion: 1 }));
    const id = instance.TrafficPolicyInstance?.Id;

    console.log(`sandbox benchmark: ${seconds} s per operation, ${concurrency} concurrent callers, throttling off, node ${process.version}`);
    await measure(child, "Route 53 GetTrafficPolicyInstance", seconds, concurrency, () => route53.send(new GetTrafficPolicyInstanceCommand({ Id: id })));
    await measure(child, "CloudTrail LookupEvents (50 newest)", seconds, concurrency, () => cloudTrail.send(new LookupEventsCommand({ MaxResults: 50 })));
    await measure(child, "CloudTrail LookupEvents (Username=root, 90 d)", seconds, concurrency, () =>
      cloudTrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "root" }] })),
    );
  } finally {
    route53.destroy();
    cloudTrail.destroy();
    child.disconnect();
  }
}
