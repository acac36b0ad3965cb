import { can, type Permission, type Role } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };

// Only what exists is listed; later features add their line here.
export const navItems: NavItem[] = [
  { href: "/", label: "Dashboard", permission: "dashboard:read" },
  { href: "/services", label: "Services", permission: "traffic:read" },
  { href: "/topology", label: "Topology", permission: "traffic:read" },
  { href: "/replication", label: "Replication", permission: "replication:read" },
  { href: "/history", label: "Change history", permission: "history:read" },
  { href: "/audit", label: "Audit log", permission: "history:read" },
  { href: "/inventory", label: "Inventory", permission: "inventory:read" },
  { href: "/admin/users", label: "Users", permission: "users:manage" },
  { href: "/admin/tokens", label: "API tokens", permission: "tokens:manage" },
];

export function navFor(role: Role): NavItem[] {
  return navItems.filter((item) => can(role, item.permission));
}
