import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentActor, type Actor } from "./guard";
import { can, type Permission } from "./permissions";

/**
 * For pages: the signed-in actor, or a redirect to the login page; a 403 page when the
 * role lacks the permission. Reading is all pages do: mutations check again on their own.
 */
export async function pageActor(permission?: Permission, callbackPath = "/"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (permission && !can(actor.role, permission)) forbidden();
  return actor;
}
