import { isRole, roleRank, type Role } from "./permissions";

/** Parses `OIDC_ROLE_MAP` ("groupA=admin,groupB=operator") into claim value → role. */
export function parseRoleMap(spec: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const value = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (at <= 0 || !isRole(role)) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not "claimValue=role" with a role of manager, operator, auditor or admin`);
    map.set(value, role);
  }
  return map;
}

/**
 * The role for an OIDC profile: the highest-ranked role any of its claim values maps to,
 * else the default role, else null (sign-in refused).
 */
export function roleFromClaims(profile: Record<string, unknown>, claim: string, map: Map<string, Role>, fallback?: Role): Role | null {
  const raw = profile[claim];
  const values = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  const matched = values.map((v) => map.get(v)).filter((r): r is Role => r !== undefined);
  if (matched.length === 0) return fallback ?? null;
  return matched.reduce((best, r) => (roleRank[r] > roleRank[best] ? r : best));
}
