import http from "node:http";
import https from "node:https";
import net from "node:net";

// One health checker request, as Route 53's checkers make it: a fresh connection each time
// (a server that went away is noticed at once), 2xx/3xx counts as healthy, and for the
// *_STR_MATCH types the search string must appear in the first 5,120 bytes of the body.
// Status texts follow the wording GetHealthCheckStatus shows on AWS.

export interface ProbeTarget {
  type: string;
  address: string;
  port: number;
  path: string;
  hostHeader?: string;
  searchString?: string;
  enableSni?: boolean;
}

export interface ProbeResult {
  ok: boolean;
  status: string;
}

const BODY_LIMIT = 5120;
const USER_AGENT = "Amazon-Route53-Health-Check-Service (ref flightdeck-sandbox; report http://amzn.to/1vsZADi)";

export function probe(target: ProbeTarget, timeoutMs: number): Promise<ProbeResult> {
  return target.type === "TCP" ? probeTcp(target, timeoutMs) : probeHttp(target, timeoutMs);
}

function probeTcp(target: ProbeTarget, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.address, port: target.port });
    const finish = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(timedOut()));
    socket.once("connect", () => finish({ ok: true, status: "Success: TCP connection established." }));
    socket.once("error", (error) => finish(connectionFailure(error, target)));
  });
}

function probeHttp(target: ProbeTarget, timeoutMs: number): Promise<ProbeResult> {
  const secure = target.type.startsWith("HTTPS");
  const client = secure ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(result);
    };
    const request = client.request({
      host: target.address,
      port: target.port,
      path: target.path,
      method: "GET",
      agent: false,
      timeout: timeoutMs,
      headers: { Host: target.hostHeader ?? target.address, "User-Agent": USER_AGENT },
      ...(secure ? { rejectUnauthorized: false, servername: target.enableSni ? target.hostHeader : undefined } : {}),
    });
    request.on("timeout", () => finish(timedOut()));
    request.on("error", (error) => finish(connectionFailure(error, target)));
    request.on("response", (response) => {
      const code = response.statusCode ?? 0;
      const healthyCode = code >= 200 && code < 400;
      const codeText = `HTTP Status Code ${code}, ${response.statusMessage ?? ""}`;
      if (!healthyCode) return finish({ ok: false, status: `Failure: ${codeText}. Resolved IP: ${target.address}` });
      if (!target.searchString) return finish({ ok: true, status: `Success: ${codeText}` });
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
        if (body.length >= BODY_LIMIT) check();
      });
      response.on("end", () => check());
      const check = () => {
        const found = body.slice(0, BODY_LIMIT).includes(target.searchString ?? "");
        finish(
          found
            ? { ok: true, status: `Success: ${codeText}. Found search string '${target.searchString}'` }
            : { ok: false, status: `Failure: Search string '${target.searchString}' was not found in the first ${BODY_LIMIT} bytes of the response body. Resolved IP: ${target.address}` },
        );
      };
    });
    request.end();
  });
}

function timedOut(): ProbeResult {
  return {
    ok: false,
    status: "Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall. See https://docs.aws.amazon.com/console/route53/health-checks-firewall",
  };
}

function connectionFailure(error: Error, target: ProbeTarget): ProbeResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") {
    return { ok: false, status: `Failure: Connection refused. The endpoint or the internet connection is down, or the server is not responsive. Resolved IP: ${target.address}` };
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { ok: false, status: `Failure: DNS resolution failed: ${target.hostHeader ?? target.address}` };
  return { ok: false, status: `Failure: ${error.message}. Resolved IP: ${target.address}` };
}
