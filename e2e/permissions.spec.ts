import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { can, type Permission } from "@/lib/auth/permissions";
import { baseURL } from "../playwright.config";
import { roles, storageStatePath, testDb, tokenFor } from "./support";
import { FLIGHTS, makeOutsideChange, otherPercent, rollbackTarget, trafficState } from "./traffic-support";

// Every mutation × every role, over HTTP: route handlers with Bearer tokens, server
// actions with each role's session cookie. The lists below are checked against what
// the app actually exposes, so a new mutation without a row here fails this test.

const auditCount = () => testDb().auditEntry.count();
let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${serial++}`;

/** A valid, unused region code such as zz-qhdkeowjsa-1. */
function regionCode(): string {
  const letters = Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  return `zz-${letters}-1`;
}

async function freshRegion(): Promise<string> {
  const code = regionCode();
  await testDb().region.create({ data: { code, name: "Disposable", latitude: 0, longitude: 0 } });
  return code;
}

// ---- route handlers -------------------------------------------------------------

type RouteCase = {
  name: string;
  permission: Permission;
  request(api: APIRequestContext, headers: Record<string, string>): Promise<{ status(): number }>;
};

const routeCases: RouteCase[] = [
  {
    name: "POST /api/v1/inventory/[kind]",
    permission: "inventory:write",
    request: (api, headers) => api.post("/api/v1/inventory/regions", { headers, data: { code: regionCode(), name: "New", latitude: 1, longitude: 2 } }),
  },
  {
    name: "PATCH /api/v1/inventory/[kind]/[id]",
    permission: "inventory:write",
    request: async (api, headers) => {
      const code = await freshRegion();
      return api.patch(`/api/v1/inventory/regions/${code}`, { headers, data: { code, name: "Changed", latitude: 1, longitude: 2 } });
    },
  },
  {
    name: "DELETE /api/v1/inventory/[kind]/[id]",
    permission: "inventory:write",
    request: async (api, headers) => api.delete(`/api/v1/inventory/regions/${await freshRegion()}`, { headers }),
  },
  {
    name: "PUT /api/v1/replication/thresholds/[region]",
    permission: "replication:configure",
    request: async (api, headers) => api.put(`/api/v1/replication/thresholds/${await freshRegion()}`, { headers, data: { warningMs: 500, criticalMs: 1_000 } }),
  },
  {
    name: "DELETE /api/v1/replication/thresholds/[region]",
    permission: "replication:configure",
    request: async (api, headers) => api.delete(`/api/v1/replication/thresholds/${await freshRegion()}`, { headers }),
  },
  {
    // Resume (not pause), so the matrix leaves the demo replica as it found it.
    name: "PUT /api/v1/replication/demo/replicas/[region]",
    permission: "replication:configure",
    request: (api, headers) => api.put("/api/v1/replication/demo/replicas/ap-south-1", { headers, data: { paused: false } }),
  },
  {
    name: "POST /api/v1/services/[slug]/versions",
    permission: "traffic:publish",
    request: async (api, headers) => {
      const { activeVersion, percent } = await trafficState();
      return api.post(`/api/v1/services/${FLIGHTS}/versions`, { headers, data: { baseVersion: activeVersion, multiRegionPercent: otherPercent(percent), reason: "Permission matrix" } });
    },
  },
  {
    name: "POST /api/v1/services/[slug]/rollback",
    permission: "traffic:rollback",
    request: async (api, headers) => api.post(`/api/v1/services/${FLIGHTS}/rollback`, { headers, data: { version: await rollbackTarget(), reason: "Permission matrix" } }),
  },
];

function mutatingRoutesInApp(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name === "route.ts") {
        const source = readFileSync(file, "utf8");
        const route = "/" + path.relative("app", path.dirname(file)).split(path.sep).join("/");
        for (const method of ["POST", "PUT", "PATCH", "DELETE"]) if (new RegExp(`export (const|async function) ${method}\\b`).test(source)) found.push(`${method} ${route}`);
      }
    }
  };
  walk(path.resolve("app/api"));
  return found.filter((r) => !r.includes("/api/auth/")).sort();
}

test("the route matrix covers every mutating route handler", () => {
  expect(routeCases.map((c) => c.name).sort()).toEqual(mutatingRoutesInApp());
});

for (const routeCase of routeCases) {
  test.describe(routeCase.name, () => {
    test("401 without credentials", async ({ request }) => {
      const before = await auditCount();
      expect((await routeCase.request(request, {})).status()).toBe(401);
      expect(await auditCount()).toBe(before);
    });
    for (const role of roles) {
      const allowed = can(role, routeCase.permission);
      test(`${role} ${allowed ? "may" : "gets 403"}`, async ({ request }) => {
        const headers = { authorization: `Bearer ${await tokenFor(role)}` };
        const before = await auditCount();
        const status = (await routeCase.request(request, headers)).status();
        if (allowed) {
          expect(status, "allowed roles succeed").toBeLessThan(300);
          expect(await auditCount()).toBe(before + 1);
        } else {
          expect(status).toBe(403);
          expect(await auditCount(), "nothing is written").toBe(before);
        }
      });
    }
  });
}

// ---- server actions ------------------------------------------------------------

type ActionCase = {
  permission: Permission;
  /** Page whose bundle holds the action. */
  page: string;
  /** Arguments before the form data: bound values, then the previous form state. */
  args(): Promise<unknown[]>;
  form?(): Record<string, string>;
};

const actionCases: Record<string, ActionCase> = {
  createInventoryItemAction: {
    permission: "inventory:write", page: "/inventory/regions/new",
    args: async () => ["regions", { ok: true }],
    form: () => ({ code: regionCode(), name: "Action region", latitude: "1", longitude: "1" }),
  },
  updateInventoryItemAction: {
    permission: "inventory:write", page: "/inventory/regions",
    args: async () => ["regions", await freshRegion(), { ok: true }],
    form: () => ({ code: regionCode(), name: "Renamed", latitude: "2", longitude: "2" }),
  },
  deleteInventoryItemAction: {
    permission: "inventory:write", page: "/inventory/regions",
    args: async () => ["regions", await freshRegion(), { ok: true }],
  },
  createUserAction: {
    permission: "users:manage", page: "/admin/users",
    args: async () => [{ ok: true }],
    form: () => ({ email: `${unique("u")}@example.com`, name: "Matrix user", role: "manager", password: "a-long-enough-password" }),
  },
  updateUserAction: {
    permission: "users:manage", page: "/admin/users",
    args: async () => {
      const user = await testDb().user.create({ data: { email: `${unique("u")}@example.com`, name: "Target", role: "manager" } });
      return [user.id, { ok: true }];
    },
    form: () => ({ role: "auditor" }),
  },
  createTokenAction: {
    permission: "tokens:manage", page: "/admin/tokens",
    args: async () => [{ ok: true }],
    form: () => ({ name: unique("token"), role: "manager" }),
  },
  updateRegionThresholdsAction: {
    permission: "replication:configure", page: "/replication",
    args: async () => [await freshRegion(), { ok: true }],
    form: () => ({ warningMs: "500", criticalMs: "1000" }),
  },
  resetRegionThresholdsAction: {
    permission: "replication:configure", page: "/replication",
    args: async () => [await freshRegion(), { ok: true }],
  },
  setDemoReplicaPausedAction: {
    permission: "replication:configure", page: "/replication",
    args: async () => ["ap-south-1", false, { ok: true }],
  },
  adoptDriftAction: {
    permission: "traffic:publish", page: `/services/${FLIGHTS}`,
    args: async () => {
      await makeOutsideChange();
      return [FLIGHTS, { ok: true }];
    },
  },
  revertDriftAction: {
    permission: "traffic:rollback", page: `/services/${FLIGHTS}`,
    args: async () => {
      await makeOutsideChange();
      return [FLIGHTS, { ok: true }];
    },
  },
  revokeTokenAction: {
    permission: "tokens:manage", page: "/admin/tokens",
    args: async () => {
      const token = await testDb().apiToken.create({ data: { name: unique("victim"), role: "manager", tokenHash: unique("hash"), prefix: "fdk_x" } });
      return [token.id, { ok: true }];
    },
  },
};

type ManifestEntry = { filename: string; exportedName: string };
function serverActions(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName, id]));
}

/** Calls a server action the way React's client does: multipart, root args in field "0", the FormData as "$K1" with fields "_1_<name>". */
async function callAction(api: APIRequestContext, name: string, actionCase: ActionCase): Promise<string> {
  const id = serverActions().get(name)!;
  // Order matters: the decoder resolves the root as soon as field "0" arrives, so the form's fields go first.
  const multipart = new FormData();
  for (const [key, value] of Object.entries(actionCase.form?.() ?? {})) multipart.append(`_1_${key}`, value);
  multipart.append("0", JSON.stringify([...(await actionCase.args()), "$K1"]));
  const response = await api.post(actionCase.page, { headers: { "next-action": id, origin: baseURL, accept: "text/x-component" }, multipart, maxRedirects: 0 });
  return `${response.status()} ${response.headers()["x-action-redirect"] ?? ""}\n${await response.text()}`;
}

test("the action matrix covers every server action", () => {
  expect([...serverActions().keys()].sort()).toEqual(Object.keys(actionCases).sort());
});

const denied = (text: string, status: number) => new RegExp(`"ok":false,"status":${status}`).test(text);

for (const [name, actionCase] of Object.entries(actionCases)) {
  test.describe(`server action ${name}`, () => {
    test("refused without a session", async () => {
      const api = await playwrightRequest.newContext({ baseURL });
      const before = await auditCount();
      const result = await callAction(api, name, actionCase);
      expect(denied(result, 401), result.slice(0, 300)).toBe(true);
      expect(await auditCount()).toBe(before);
      await api.dispose();
    });
    for (const role of roles) {
      const allowed = can(role, actionCase.permission);
      test(`${role} ${allowed ? "may" : "gets 403"}`, async () => {
        const api = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath(role) });
        const before = await auditCount();
        const result = await callAction(api, name, actionCase);
        if (allowed) {
          expect(denied(result, 401) || denied(result, 403) || /"ok":false/.test(result), result.slice(0, 300)).toBe(false);
          expect(await auditCount()).toBe(before + 1);
        } else {
          expect(denied(result, 403), result.slice(0, 300)).toBe(true);
          expect(await auditCount(), "nothing is written").toBe(before);
        }
        await api.dispose();
      });
    }
  });
}

test.describe("a manager's direct POST to an admin mutation", () => {
  test("gets 403 with a message naming the missing permission", async ({ request }) => {
    const response = await request.post("/api/v1/inventory/services", {
      headers: { authorization: `Bearer ${await tokenFor("manager")}` },
      data: { slug: "sneaky" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.message).toContain('"inventory:write"');
    expect(await testDb().service.findUnique({ where: { slug: "sneaky" } })).toBeNull();
  });
  test("with a session cookie too", async () => {
    const api = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("manager") });
    const response = await api.post("/api/v1/inventory/services", { data: { slug: "sneaky" } });
    expect(response.status()).toBe(403);
    await api.dispose();
  });
});

