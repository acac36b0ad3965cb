import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accountInput, healthCheckInput, loadBalancerInput, redisEndpointInput, regionInput, serviceInput } from "./schemas";

// Each inventory kind described once: its form fields, list columns, schema and
// persistence. Pages, forms, server actions and the REST API are all generic over this.

type Tx = Prisma.TransactionClient;
export type Cell = string | number | boolean | null;
export type Row = { id: string } & Record<string, Cell>;
export type OptionSource = "regions" | "services" | "loadBalancers" | "accounts";
export type FieldSpec = {
  name: string;
  label: string;
  type: "text" | "number" | "select";
  options?: OptionSource | { value: string; label: string }[];
  placeholder?: string;
  help?: string;
  optional?: boolean;
  /** Fixed once created (the region code is the region's identity). */
  immutable?: boolean;
};

export type InventoryKind = {
  key: string;
  label: string;
  plural: string;
  fields: FieldSpec[];
  columns: { key: string; label: string }[];
  schema: z.ZodType;
  list(db: Db | Tx): Promise<Row[]>;
  get(db: Db | Tx, id: string): Promise<Row | null>;
  create(tx: Tx, data: unknown): Promise<Row>;
  update(tx: Tx, id: string, data: unknown): Promise<Row>;
  remove(tx: Tx, id: string): Promise<void>;
  target(row: Row): string;
};

function kind<S extends z.ZodType>(spec: Omit<InventoryKind, "schema" | "create" | "update"> & {
  schema: S;
  create(tx: Tx, data: z.infer<S>): Promise<Row>;
  update(tx: Tx, id: string, data: z.infer<S>): Promise<Row>;
}): InventoryKind {
  return spec as InventoryKind;
}

const iso = (d: Date) => d.toISOString();

const accountRow = (a: Prisma.AwsAccountGetPayload<object>): Row => ({
  id: a.id, accountId: a.accountId, name: a.name, assumeRoleArn: a.assumeRoleArn, updatedAt: iso(a.updatedAt),
});
const regionRow = (r: Prisma.RegionGetPayload<object>): Row => ({
  id: r.code, code: r.code, name: r.name, latitude: r.latitude, longitude: r.longitude, updatedAt: iso(r.updatedAt),
});
const serviceRow = (s: Prisma.ServiceGetPayload<object>): Row => ({
  id: s.id, slug: s.slug, name: s.name, pathPattern: s.pathPattern, topology: s.topology, homeRegionCode: s.homeRegionCode,
  awsAccountId: s.awsAccountId, recordName: s.recordName, hostedZoneId: s.hostedZoneId, ttl: s.ttl, updatedAt: iso(s.updatedAt),
});
const lbRow = (l: Prisma.LoadBalancerGetPayload<{ include: { service: true } }>): Row => ({
  id: l.id, name: l.name, regionCode: l.regionCode, dnsName: l.dnsName, kind: l.kind, serviceId: l.serviceId,
  service: l.service?.slug ?? null, heartbeatUrl: l.heartbeatUrl, updatedAt: iso(l.updatedAt),
});
const hcRow = (h: Prisma.HealthCheckGetPayload<{ include: { loadBalancer: true } }>): Row => ({
  id: h.id, route53Id: h.route53Id, loadBalancerId: h.loadBalancerId, loadBalancer: h.loadBalancer.name, path: h.path,
  intervalSeconds: h.intervalSeconds, failureThreshold: h.failureThreshold, updatedAt: iso(h.updatedAt),
});
const redisRow = (r: Prisma.RedisEndpointGetPayload<object>): Row => ({
  id: r.id, name: r.name, regionCode: r.regionCode, role: r.role, url: r.url, updatedAt: iso(r.updatedAt),
});

const withService = { include: { service: true } } as const;
const withLb = { include: { loadBalancer: true } } as const;

export const inventoryKinds: InventoryKind[] = [
  kind({
    key: "services", label: "Service", plural: "Services", schema: serviceInput,
    fields: [
      { name: "slug", label: "Slug", type: "text", placeholder: "metasearch-flights" },
      { name: "name", label: "Name", type: "text" },
      { name: "pathPattern", label: "CloudFront path pattern", type: "text", placeholder: "/metasearch/flights*" },
      { name: "topology", label: "Topology", type: "select", options: [{ value: "single_region", label: "Single-region" }, { value: "multi_region", label: "Multi-region" }] },
      { name: "homeRegionCode", label: "Home region", type: "select", options: "regions" },
      { name: "awsAccountId", label: "AWS account", type: "select", options: "accounts", optional: true },
      { name: "recordName", label: "DNS record name", type: "text", placeholder: "flights.origin.example.com" },
      { name: "hostedZoneId", label: "Hosted zone id", type: "text", placeholder: "Z0123456789ABCDEFGHIJ" },
      { name: "ttl", label: "TTL (seconds)", type: "number", placeholder: "60" },
    ],
    columns: [{ key: "slug", label: "Slug" }, { key: "name", label: "Name" }, { key: "pathPattern", label: "Path" }, { key: "topology", label: "Topology" }, { key: "homeRegionCode", label: "Home" }, { key: "recordName", label: "Record" }],
    list: async (db) => (await db.service.findMany({ orderBy: { slug: "asc" } })).map(serviceRow),
    get: async (db, id) => { const s = await db.service.findUnique({ where: { id } }); return s && serviceRow(s); },
    create: async (tx, data) => serviceRow(await tx.service.create({ data })),
    update: async (tx, id, data) => serviceRow(await tx.service.update({ where: { id }, data })),
    remove: async (tx, id) => { await tx.service.delete({ where: { id } }); },
    target: (row) => `service:${row.slug}`,
  }),
  kind({
    key: "load-balancers", label: "Load balancer", plural: "Load balancers", schema: loadBalancerInput,
    fields: [
      { name: "name", label: "Name", type: "text" },
      { name: "regionCode", label: "Region", type: "select", options: "regions" },
      { name: "dnsName", label: "DNS name", type: "text", placeholder: "proxy-sg.ap-southeast-1.elb.amazonaws.com" },
      { name: "kind", label: "Kind", type: "select", options: [{ value: "shared_proxy", label: "Shared proxy" }, { value: "bespoke_heartbeat", label: "Bespoke (follows one app's heartbeat)" }] },
      { name: "serviceId", label: "Service it serves", type: "select", options: "services", optional: true, help: "Required for bespoke ELBs" },
      { name: "heartbeatUrl", label: "Heartbeat URL", type: "text", optional: true },
    ],
    columns: [{ key: "name", label: "Name" }, { key: "regionCode", label: "Region" }, { key: "kind", label: "Kind" }, { key: "service", label: "Service" }, { key: "dnsName", label: "DNS name" }],
    list: async (db) => (await db.loadBalancer.findMany({ ...withService, orderBy: [{ regionCode: "asc" }, { name: "asc" }] })).map(lbRow),
    get: async (db, id) => { const l = await db.loadBalancer.findUnique({ where: { id }, ...withService }); return l && lbRow(l); },
    create: async (tx, data) => lbRow(await tx.loadBalancer.create({ data, ...withService })),
    update: async (tx, id, data) => lbRow(await tx.loadBalancer.update({ where: { id }, data, ...withService })),
    remove: async (tx, id) => { await tx.loadBalancer.delete({ where: { id } }); },
    target: (row) => `load-balancer:${row.name}`,
  }),
  kind({
    key: "health-checks", label: "Health check", plural: "Health checks", schema: healthCheckInput,
    fields: [
      { name: "loadBalancerId", label: "Target load balancer", type: "select", options: "loadBalancers" },
      { name: "path", label: "Path", type: "text", placeholder: "/heartbeat" },
      { name: "intervalSeconds", label: "Interval", type: "select", options: [{ value: "30", label: "30 s (standard)" }, { value: "10", label: "10 s (fast)" }] },
      { name: "failureThreshold", label: "Failure threshold", type: "number", placeholder: "3" },
      { name: "route53Id", label: "Route 53 id", type: "text", optional: true, help: "Filled in when the check exists in Route 53" },
    ],
    columns: [{ key: "loadBalancer", label: "Target" }, { key: "path", label: "Path" }, { key: "intervalSeconds", label: "Interval (s)" }, { key: "failureThreshold", label: "Threshold" }, { key: "route53Id", label: "Route 53 id" }],
    list: async (db) => (await db.healthCheck.findMany({ ...withLb, orderBy: { createdAt: "asc" } })).map(hcRow),
    get: async (db, id) => { const h = await db.healthCheck.findUnique({ where: { id }, ...withLb }); return h && hcRow(h); },
    create: async (tx, data) => hcRow(await tx.healthCheck.create({ data, ...withLb })),
    update: async (tx, id, data) => hcRow(await tx.healthCheck.update({ where: { id }, data, ...withLb })),
    remove: async (tx, id) => { await tx.healthCheck.delete({ where: { id } }); },
    target: (row) => `health-check:${row.id}`,
  }),
  kind({
    key: "regions", label: "Region", plural: "Regions", schema: regionInput,
    fields: [
      { name: "code", label: "Region code", type: "text", placeholder: "ap-southeast-1", immutable: true },
      { name: "name", label: "Display name", type: "text", placeholder: "Singapore" },
      { name: "latitude", label: "Latitude", type: "number" },
      { name: "longitude", label: "Longitude", type: "number" },
    ],
    columns: [{ key: "code", label: "Code" }, { key: "name", label: "Name" }, { key: "latitude", label: "Lat" }, { key: "longitude", label: "Long" }],
    list: async (db) => (await db.region.findMany({ orderBy: { code: "asc" } })).map(regionRow),
    get: async (db, id) => { const r = await db.region.findUnique({ where: { code: id } }); return r && regionRow(r); },
    create: async (tx, data) => regionRow(await tx.region.create({ data })),
    update: async (tx, id, data) => regionRow(await tx.region.update({ where: { code: id }, data: { ...data, code: id } })),
    remove: async (tx, id) => { await tx.region.delete({ where: { code: id } }); },
    target: (row) => `region:${row.code}`,
  }),
  kind({
    key: "accounts", label: "AWS account", plural: "AWS accounts", schema: accountInput,
    fields: [
      { name: "accountId", label: "Account id", type: "text", placeholder: "123456789012" },
      { name: "name", label: "Name", type: "text" },
      { name: "assumeRoleArn", label: "AssumeRole ARN", type: "text", optional: true, help: "Leave empty to use the default credentials" },
    ],
    columns: [{ key: "accountId", label: "Account id" }, { key: "name", label: "Name" }, { key: "assumeRoleArn", label: "AssumeRole ARN" }],
    list: async (db) => (await db.awsAccount.findMany({ orderBy: { name: "asc" } })).map(accountRow),
    get: async (db, id) => { const a = await db.awsAccount.findUnique({ where: { id } }); return a && accountRow(a); },
    create: async (tx, data) => accountRow(await tx.awsAccount.create({ data })),
    update: async (tx, id, data) => accountRow(await tx.awsAccount.update({ where: { id }, data })),
    remove: async (tx, id) => { await tx.awsAccount.delete({ where: { id } }); },
    target: (row) => `aws-account:${row.accountId}`,
  }),
  kind({
    key: "redis-endpoints", label: "Redis endpoint", plural: "Redis endpoints", schema: redisEndpointInput,
    fields: [
      { name: "name", label: "Name", type: "text", placeholder: "redis-sg-primary" },
      { name: "regionCode", label: "Region", type: "select", options: "regions" },
      { name: "role", label: "Role", type: "select", options: [{ value: "primary", label: "Primary" }, { value: "replica", label: "Replica" }] },
      { name: "url", label: "URL", type: "text", placeholder: "redis://10.0.0.9:6379" },
    ],
    columns: [{ key: "name", label: "Name" }, { key: "regionCode", label: "Region" }, { key: "role", label: "Role" }, { key: "url", label: "URL" }],
    list: async (db) => (await db.redisEndpoint.findMany({ orderBy: [{ role: "asc" }, { name: "asc" }] })).map(redisRow),
    get: async (db, id) => { const r = await db.redisEndpoint.findUnique({ where: { id } }); return r && redisRow(r); },
    create: async (tx, data) => redisRow(await tx.redisEndpoint.create({ data })),
    update: async (tx, id, data) => redisRow(await tx.redisEndpoint.update({ where: { id }, data })),
    remove: async (tx, id) => { await tx.redisEndpoint.delete({ where: { id } }); },
    target: (row) => `redis-endpoint:${row.name}`,
  }),
];

export function findKind(key: string): InventoryKind | undefined {
  return inventoryKinds.find((k) => k.key === key);
}
