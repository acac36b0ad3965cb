import { ActionForm } from "@/components/admin/action-form";
import { pageActor } from "@/lib/auth/page-guard";
import { roles } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { createTokenAction, revokeTokenAction } from "../actions";

export const metadata = { title: "API tokens" };

const when = (d: Date | null) => d?.toISOString().replace("T", " ").slice(0, 16) ?? "never";

export default async function TokensPage() {
  await pageActor("tokens:manage", "/admin/tokens");
  const tokens = await getDb().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: true } });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>API tokens</h1>
          <p>For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with its role; only its hash is stored.</p>
        </div>
      </div>
      <table className="data" style={{ marginBottom: 24 }}>
        <thead><tr><th>Name</th><th>Role</th><th>Prefix</th><th>Created</th><th>Last used</th><th></th></tr></thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`}>
              <td>{t.name}<div className="muted">{t.createdBy?.email ?? "command line"}</div></td>
              <td><span className="badge">{t.role}</span></td>
              <td className="mono">{t.prefix}…</td>
              <td className="muted">{when(t.createdAt)}</td>
              <td className="muted">{when(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  <span className="badge bad">revoked {when(t.revokedAt)}</span>
                ) : (
                  <ActionForm action={revokeTokenAction.bind(null, t.id)} submitLabel="Revoke" danger confirm={`Revoke ${t.name}? Scripts using it stop working at once.`}>
                    {null}
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card">
        <h2>New token</h2>
        <ActionForm action={createTokenAction} submitLabel="Create token" className="stack">
          <div className="field"><label htmlFor="t-name">Name</label><input id="t-name" name="name" placeholder="ci-rollouts" /></div>
          <div className="field">
            <label htmlFor="t-role">Role</label>
            <select id="t-role" name="role" defaultValue="">
              <option value="">Choose…</option>
              {roles.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </div>
        </ActionForm>
      </div>
    </>
  );
}
