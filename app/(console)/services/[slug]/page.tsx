import { notFound } from "next/navigation";
import { ServiceView } from "@/components/traffic/service-view";
import { pageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { getServiceDetail } from "@/lib/traffic-control/queries";
import { adoptDriftAction, revertDriftAction } from "./actions";

export const metadata = { title: "Service" };

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await pageActor("traffic:read", `/services/${slug}`);
  const detail = await getServiceDetail(getDb(), slug).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const operator = can(actor.role, "traffic:publish") && can(actor.role, "traffic:rollback");
  return (
    <ServiceView
      detail={detail}
      canPublish={can(actor.role, "traffic:publish")}
      canRollback={can(actor.role, "traffic:rollback")}
      drift={operator ? { adopt: adoptDriftAction.bind(null, slug), revert: revertDriftAction.bind(null, slug) } : undefined}
    />
  );
}
