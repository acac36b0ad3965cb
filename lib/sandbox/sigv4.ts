import type { IncomingMessage, ServerResponse } from "node:http";

// The sandbox never verifies signatures (it has no secret keys to verify against), but the
// SigV4 Authorization header still tells it who is calling and from which region:
//   AWS4-HMAC-SHA256 Credential=AKIA…/20261121/eu-west-1/route53/aws4_request, SignedHeaders=…, Signature=…

export interface Caller {
  accessKeyId: string;
  region: string;
  service: string;
}

/** One request as server.ts hands it to a service's handler (Route 53, CloudTrail, STS). */
export interface SandboxCall {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  body: string;
  caller: Caller | undefined;
  requestId: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function parseAuthorization(header: string | undefined): Caller | undefined {
  if (!header || !header.startsWith("AWS4-HMAC-SHA256")) return undefined;
  const match = CREDENTIAL.exec(header);
  if (!match) return undefined;
  const [, accessKeyId, , region, service] = match;
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}
