// How a CloudTrail event is tied to the Flightdeck action that caused it. CloudTrail keeps
// the caller's full User-Agent, and the AWS SDK appends `customUserAgent` pairs to it as
// "name/value"; so a Flightdeck AWS client built with
//
//   new Route53Client({ …, customUserAgent: flightdeckUserAgent(ctx.requestId) })
//
// leaves "flightdeck-request/<request id>" in every event it causes, and that request id is
// the audit entry's request_id. No guessing by time window is needed for these calls.

export const FLIGHTDECK_USER_AGENT_NAME = "flightdeck-request";

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;
const IN_USER_AGENT = /(?:^|[\s(])flightdeck-request\/([A-Za-z0-9-]{8,64})(?=$|[\s)])/;

/** The SDK's `customUserAgent` value that tags calls with Flightdeck's request id. */
export function flightdeckUserAgent(requestId: string): [string, string][] {
  if (!REQUEST_ID.test(requestId)) throw new Error(`not a request id usable in a user agent: ${requestId}`);
  return [[FLIGHTDECK_USER_AGENT_NAME, requestId]];
}

/** The Flightdeck request id carried in a recorded user agent, or null. */
export function flightdeckRequestIdFrom(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  return IN_USER_AGENT.exec(userAgent)?.[1] ?? null;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/**
 * Request-id-shaped strings anywhere in a JSON value. Flightdeck code that stores the AWS
 * request ids it got back (say in an audit entry's `after`) is linked to the matching
 * CloudTrail events through these, even without the user-agent tag.
 */
export function uuidsIn(value: unknown, limit = 50): string[] {
  const found = new Set<string>();
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  for (const match of text.matchAll(UUID)) {
    found.add(match[0].toLowerCase());
    if (found.size >= limit) break;
  }
  return [...found];
}
