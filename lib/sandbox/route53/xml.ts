import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { Route53Error } from "./errors";

// Route 53 speaks REST-XML in the 2013-04-01 namespace. Requests are parsed without any value
// coercion (a policy Document or a Name must stay the exact string that was sent); zod schemas
// in each handler then turn "60" into 60 and "true" into true where the API model says so.

export const ROUTE53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  // Not trimming keeps leading/trailing spaces of a Document or Comment intact; the
  // whitespace between elements that this leaves behind is dropped by `clean` below.
  trimValues: false,
  ignoreDeclaration: true,
  processEntities: true,
  // The SDK writes newlines and carriage returns as numeric references (&#x0A;, &#x0D;), so a
  // pretty-printed policy Document only arrives intact if character references are decoded.
  htmlEntities: true,
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false });

export type XmlObject = Record<string, unknown>;

/** Returns the children of the request's root element (its name is implied by the operation). */
export function parseRequestXml(text: string): XmlObject {
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    throw new Route53Error("InvalidInput", `Invalid XML ; ${(error as Error).message}`);
  }
  if (parsed === true || typeof parsed !== "object" || parsed === null) {
    throw new Route53Error("InvalidInput", "Invalid XML ; the request body is not well-formed");
  }
  const roots = Object.values(clean(parsed) as XmlObject);
  const root = roots[0];
  return typeof root === "object" && root !== null ? (root as XmlObject) : {};
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as XmlObject);
  const elements = entries.filter(([key]) => key !== "#text");
  if (elements.length === 0) return (value as XmlObject)["#text"] ?? "";
  return Object.fromEntries(elements.map(([key, child]) => [key, clean(child)]));
}

/** A wire list: <Wrapper><Member>…</Member>…</Wrapper>. Empty lists render as an empty wrapper. */
export function xmlList(member: string, items: readonly unknown[]): XmlObject | string {
  return items.length === 0 ? "" : { [member]: items };
}

/** `namespace`: Route 53's by default; STS answers in the same shapes under its own. */
export function buildResponseXml(root: string, body: XmlObject, namespace = ROUTE53_NS): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { "@_xmlns": namespace, ...toWire(body) } })}`;
}

export function buildErrorXml(code: string, message: string, requestId: string, namespace = ROUTE53_NS): string {
  const body = { Error: { Type: "Sender", Code: code, Message: message }, RequestId: requestId };
  return `<?xml version="1.0"?>\n${builder.build({ ErrorResponse: { "@_xmlns": namespace, ...toWire(body) } })}`;
}

/** Drops absent members and renders scalars the way the REST-XML protocol expects them. */
function toWire(value: XmlObject): XmlObject {
  const out: XmlObject = {};
  for (const [key, child] of Object.entries(value)) {
    const wire = wireValue(child);
    if (wire !== undefined) out[key] = wire;
  }
  return out;
}

function wireValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(wireValue);
  if (typeof value === "object") return toWire(value as XmlObject);
  return value;
}

// ---- zod helpers for the XML shapes -------------------------------------------------------

/** Accepts <Wrapper><Member>a</Member></Wrapper> (one or many members, or an empty wrapper). */
export function wireList<T extends z.ZodType>(member: string, item: T) {
  return z.preprocess((raw) => {
    if (raw === undefined || raw === "") return [];
    if (typeof raw !== "object" || raw === null) return raw;
    const members = (raw as XmlObject)[member];
    if (members === undefined) return [];
    return Array.isArray(members) ? members : [members];
  }, z.array(item));
}

export const wireInt = z
  .string()
  .regex(/^-?\d+$/, "Member must be an integer")
  .transform((v) => Number(v));

export const wireBool = z.enum(["true", "false"]).transform((v) => v === "true");
