import http from "node:http";
import type { AddressInfo } from "node:net";

// A tiny HTTP proxy in front of the sandbox that injects the faults AWS can produce but
// the sandbox has no hook for: a 500 before the request reaches Route 53 ("before"), the
// request carried out but its answer replaced by a 500 ("after"), or a canned AWS error.
// Rules match on method and a path pattern and fire a given number of times.

export type FaultRule = {
  method?: string;
  /** Matched against the request path, e.g. /trafficpolicy\/[^/]+$/. */
  path: RegExp;
  /** before: never forwarded; after: forwarded, answer replaced; error: answered with `code` without forwarding. */
  mode: "before" | "after" | "error";
  /** AWS error code for mode "error", e.g. Throttling, ConcurrentModification. */
  code?: string;
  status?: number;
  /** How many matching requests to hit (default 1). */
  times?: number;
};

export type FaultProxy = {
  url: string;
  add(rule: FaultRule): void;
  clear(): void;
  /** Requests seen, as "METHOD /path", in order. */
  log: string[];
  close(): Promise<void>;
};

function awsError(code: string, status: number): { status: number; body: string } {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">` +
    `<Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>Injected ${code}</Message></Error>` +
    `<RequestId>fault-proxy</RequestId></ErrorResponse>`;
  return { status, body };
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const rules: (FaultRule & { left: number })[] = [];
  const log: string[] = [];
  const upstream = new URL(target);

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      log.push(`${request.method} ${path}`);
      const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === request.method) && r.path.test(path));
      if (rule) rule.left--;
      const reply = (status: number, body: string) => response.writeHead(status, { "Content-Type": "text/xml" }).end(body);
      if (rule?.mode === "before") return reply(500, awsError("InternalFailure", 500).body);
      if (rule?.mode === "error") {
        const error = awsError(rule.code ?? "InternalFailure", rule.status ?? 400);
        return reply(error.status, error.body);
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () => {
            if (rule?.mode === "after") return reply(500, awsError("InternalFailure", 500).body);
            response.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      forward.on("error", () => reply(502, awsError("BadGateway", 502).body));
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    add: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    clear: () => void rules.splice(0),
    log,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
