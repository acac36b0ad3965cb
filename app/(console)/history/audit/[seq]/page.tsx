import { notFound } from "next/navigation";
import { AuditEntryDetail } from "@/components/history/audit-entry-detail";
import { pageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getAuditEntry } from "@/lib/history/get-change";

export const metadata = { title: "Audit entry" };

export default async function AuditEntryPage({ params }: { params: Promise<{ seq: string }> }) {
  const { seq } = await params;
  await pageActor("history:read", `/history/audit/${seq}`);
  const entry = await getAuditEntry(getDb(), seq);
  if (!entry) notFound();
  return <AuditEntryDetail entry={entry} />;
}
