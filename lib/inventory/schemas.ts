import { z } from "zod";

// Input schemas for the inventory, shared by forms (strings from FormData) and the
// JSON API (typed values). Empty strings mean "not set", as a blank form field does.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (label: string, max = 200) => z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max);
const optionalText = (max = 500) => z.preprocess(blankToUndefined, z.string().trim().max(max).nullish()).transform((v) => v ?? null);
const int = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`));
const float = (label: string, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: `${label} must be a number` }).min(min, `${label} must be ≥ ${min}`).max(max, `${label} must be ≤ ${max}`));
const optionalId = z.preprocess(blankToUndefined, z.string().uuid("Choose one from the list").nullish()).transform((v) => v ?? null);
const id = (label: string) => z.string({ error: `Choose a ${label}` }).uuid(`Choose a ${label}`);

export const regionCode = z
  .string({ error: "Region is required" })
  .trim()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Use an AWS region code such as ap-southeast-1");

const dnsName = z
  .string({ error: "DNS name is required" })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9_]([a-z0-9-_]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/, "Enter a DNS name such as proxy-sg.ap-southeast-1.elb.amazonaws.com");

export const accountInput = z.object({
  accountId: z.string({ error: "Account id is required" }).trim().regex(/^\d{12}$/, "An AWS account id is 12 digits"),
  name: text("Name"),
  assumeRoleArn: z
    .preprocess(blankToUndefined, z.string().trim().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, "Enter an IAM role ARN such as arn:aws:iam::123456789012:role/flightdeck").nullish())
    .transform((v) => v ?? null),
});

export const regionInput = z.object({
  code: regionCode,
  name: text("Display name"),
  latitude: float("Latitude", -90, 90),
  longitude: float("Longitude", -180, 180),
});

export const serviceInput = z.object({
  slug: z.string({ error: "Slug is required" }).trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. metasearch-flights").max(63),
  name: text("Name"),
  pathPattern: z.string({ error: "Path pattern is required" }).trim().regex(/^\/[\w\-.*\/]*$/, "A CloudFront path pattern starts with / , e.g. /metasearch/flights*").max(255),
  topology: z.enum(["single_region", "multi_region"], { error: "Choose single- or multi-region" }),
  homeRegionCode: regionCode,
  awsAccountId: optionalId,
  recordName: dnsName,
  hostedZoneId: z.string({ error: "Hosted zone id is required" }).trim().regex(/^(\/hostedzone\/)?Z[A-Z0-9]{1,32}$/, "A hosted zone id looks like Z0123456789ABCDEFGHIJ").transform((v) => v.replace("/hostedzone/", "")),
  ttl: int("TTL", 0, 2_147_483_647),
});

export const loadBalancerInput = z.object({
  name: text("Name"),
  regionCode,
  dnsName,
  kind: z.enum(["shared_proxy", "bespoke_heartbeat"], { error: "Choose a kind" }),
  serviceId: optionalId,
  heartbeatUrl: z.preprocess(blankToUndefined, z.string().trim().url("Enter a full URL such as http://10.0.0.5:8080/heartbeat").nullish()).transform((v) => v ?? null),
}).refine((lb) => lb.kind !== "bespoke_heartbeat" || lb.serviceId, { path: ["serviceId"], message: "A bespoke ELB follows one service: choose it" });

export const healthCheckInput = z.object({
  route53Id: optionalText(64),
  loadBalancerId: id("load balancer"),
  path: z.string({ error: "Path is required" }).trim().regex(/^\/\S*$/, "A path starts with /, e.g. /heartbeat").max(255),
  intervalSeconds: z.preprocess(blankToUndefined, z.coerce.number().refine((v) => v === 10 || v === 30, "Route 53 checks every 10 or 30 seconds")),
  failureThreshold: int("Failure threshold", 1, 10),
});

export const redisEndpointInput = z.object({
  name: text("Name", 100),
  regionCode,
  role: z.enum(["primary", "replica"], { error: "Choose primary or replica" }),
  url: z.string({ error: "URL is required" }).trim().regex(/^rediss?:\/\/\S+$/, "Enter a redis:// or rediss:// URL"),
});
