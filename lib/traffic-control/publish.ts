import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput, type MutationContext } from "@/lib/mutations/mutation";
import { buildDocument, validateDocument } from "@/lib/traffic";
import { documentText } from "./document-text";
import { runOperation, type TrafficDeps } from "./run-operation";
import { clientMix, loadServiceRecord, requirePolicy, serviceTopology } from "./service-model";
import { startOperation } from "./start-operation";
import { toVersionView, type VersionView } from "./views";

// Publish: the operator's slider position becomes a new immutable version, created in
// Route 53 and made live, or a truthful record of how far it got.

const reason = z.string().trim().min(3, "Say why, in a few words (at least 3 characters)").max(500, "At most 500 characters");

export const publishInputSchema = z.object({
  baseVersion: z.number("The version you started from, as a number").int().min(1),
  multiRegionPercent: z.number("A whole number from 0 to 100").int("A whole number from 0 to 100").min(0, "At least 0").max(100, "At most 100"),
  reason,
});

export const rollbackInputSchema = z.object({
  version: z.number("The version to roll back to, as a number").int().min(1),
  reason,
});

export type PublishResult = { version: VersionView; activeVersion: number | null };

export async function publishVersion(ctx: MutationContext, deps: TrafficDeps, slug: string, raw: unknown): Promise<PublishResult> {
  const input = parseInput(publishInputSchema, raw);
  const record = await loadServiceRecord(ctx.db, slug);
  const policy = requirePolicy(record);
  const document = buildDocument(serviceTopology(record, policy.recordType === "AAAA" ? "AAAA" : "A"), { multiRegionPercent: input.multiRegionPercent });
  const problems = validateDocument(document);
  if (problems.length > 0) {
    throw new AppError("invalid", `The document for this split would not be valid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
  const started = await startOperation(ctx, {
    kind: "publish",
    serviceId: record.service.id,
    slug,
    reason: input.reason,
    baseVersion: input.baseVersion,
    newVersion: { document: documentText(document), multiRegionPercent: input.multiRegionPercent },
  });
  const { operation, version: number } = await runOperation(ctx, deps, started, { instanceId: policy.route53InstanceId, policyId: policy.route53PolicyId, ttl: record.service.ttl });
  // runOperation recorded Route 53's number on the row as well; no need to read it back.
  const version = { ...started.version, version: number };
  return { version: toVersionView(version, [operation], version.version, clientMix(record)), activeVersion: version.version };
}

/** Points the policy record back at an earlier version; no new version is created. */
export async function rollbackToVersion(ctx: MutationContext, deps: TrafficDeps, slug: string, raw: unknown): Promise<PublishResult> {
  const input = parseInput(rollbackInputSchema, raw);
  const record = await loadServiceRecord(ctx.db, slug);
  const policy = requirePolicy(record);
  const started = await startOperation(ctx, { kind: "rollback", serviceId: record.service.id, slug, reason: input.reason, targetVersion: input.version });
  await runOperation(ctx, deps, started, { instanceId: policy.route53InstanceId, policyId: policy.route53PolicyId, ttl: record.service.ttl });
  const operations = await ctx.db.trafficOperation.findMany({ where: { versionId: started.version.id } });
  return { version: toVersionView(started.version, operations, input.version, clientMix(record)), activeVersion: input.version };
}
