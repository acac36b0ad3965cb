import { describe, expect, it } from "vitest";
import { allPermissions, can, roles, type Permission, type Role } from "./permissions";

// The whole matrix, written out by hand on purpose: a change to the table must be
// a deliberate change here too.
const expected: Record<Role, Permission[]> = {
  manager: ["dashboard:read", "inventory:read", "traffic:read", "rollout:read", "replication:read"],
  operator: [
    "dashboard:read", "inventory:read", "traffic:read", "traffic:publish", "traffic:rollback",
    "rollout:read", "rollout:run", "replication:read",
  ],
  auditor: ["inventory:read", "history:read", "history:export", "audit:verify"],
  admin: allPermissions,
};

describe("permission table", () => {
  for (const role of roles) {
    for (const permission of allPermissions) {
      const allowed = expected[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }
});
