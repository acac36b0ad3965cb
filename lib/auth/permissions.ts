// Who may do what. The table is the whole policy: guards, navigation and the
// role × action test matrix all read it, so a change here changes all three.

export const roles = ["manager", "operator", "auditor", "admin"] as const;
export type Role = (typeof roles)[number];

const everyone: readonly Role[] = roles;
const watchers: readonly Role[] = ["manager", "operator", "admin"];
const operators: readonly Role[] = ["operator", "admin"];
const auditors: readonly Role[] = ["auditor", "admin"];
const admins: readonly Role[] = ["admin"];

export const permissionTable = {
  "dashboard:read": watchers,
  "inventory:read": everyone,
  "inventory:write": admins,
  "traffic:read": watchers,
  "traffic:publish": operators,
  "traffic:rollback": operators,
  "rollout:read": watchers,
  "rollout:run": operators,
  "replication:read": watchers,
  "replication:configure": admins,
  "history:read": auditors,
  "history:export": auditors,
  "history:ingest": admins,
  "audit:verify": auditors,
  "users:manage": admins,
  "tokens:manage": admins,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionTable;

export const allPermissions = Object.keys(permissionTable) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Higher rank wins when an OIDC user matches several groups. */
export const roleRank: Record<Role, number> = { manager: 0, auditor: 1, operator: 2, admin: 3 };
