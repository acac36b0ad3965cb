import { describe, expect, it } from "vitest";
import { parseRoleMap, roleFromClaims } from "./oidc-roles";

describe("OIDC claim → role mapping", () => {
  const map = parseRoleMap("sre=operator, platform-admins=admin,auditors=auditor,viewers=manager");

  it.each([
    ["a matching group", { groups: ["sre"] }, undefined, "operator"],
    ["the highest-ranked of several", { groups: ["viewers", "platform-admins", "sre"] }, undefined, "admin"],
    ["a space-separated string claim", { groups: "viewers auditors" }, undefined, "auditor"],
    ["no match and no default", { groups: ["marketing"] }, undefined, null],
    ["no match with a default", { groups: ["marketing"] }, "manager", "manager"],
    ["a missing claim", {}, undefined, null],
  ] as const)("%s", (_name, profile, fallback, role) => {
    expect(roleFromClaims(profile, "groups", map, fallback)).toBe(role);
  });

  it("rejects a malformed map with a message naming the pair", () => {
    expect(() => parseRoleMap("sre=superuser")).toThrow(/"sre=superuser"/);
    expect(() => parseRoleMap("=admin")).toThrow(/"=admin"/);
  });
});
