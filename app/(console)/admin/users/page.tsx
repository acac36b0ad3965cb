import { ActionForm } from "@/components/admin/action-form";
import { pageActor } from "@/lib/auth/page-guard";
import { roles } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { createUserAction, updateUserAction } from "../actions";

export const metadata = { title: "Users" };

function RoleSelect({ name, value }: { name: string; value?: string }) {
  return (
    <select name={name} defaultValue={value ?? ""} aria-label="Role">
      {!value && <option value="">Choose…</option>}
      {roles.map((r) => <option key={r} value={r}>{r}</option>)}
    </select>
  );
}

export default async function UsersPage() {
  await pageActor("users:manage", "/admin/users");
  const users = await getDb().user.findMany({ orderBy: { email: "asc" } });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p>People who sign in with a password. Single sign-on users appear here after their first sign-in; their role follows the claim mapping.</p>
        </div>
      </div>
      <table className="data" style={{ marginBottom: 24 }}>
        <thead><tr><th>User</th><th>Sign-in</th><th>Last login</th><th>Role and access</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td><strong>{u.name}</strong><div className="muted mono">{u.email}</div></td>
              <td>{u.passwordHash ? "password" : "single sign-on"}</td>
              <td className="muted">{u.lastLoginAt?.toISOString().replace("T", " ").slice(0, 16) ?? "never"}</td>
              <td>
                <ActionForm action={updateUserAction.bind(null, u.id)} submitLabel="Save" className="actions">
                  <RoleSelect name="role" value={u.role} />
                  <label><input type="checkbox" name="disabled" defaultChecked={u.disabled} /> disabled</label>
                  {u.passwordHash && <input name="password" type="password" placeholder="new password" aria-label="New password" autoComplete="new-password" />}
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card">
        <h2>Add a user</h2>
        <ActionForm action={createUserAction} submitLabel="Add user" className="stack">
          <div className="field"><label htmlFor="u-email">Email</label><input id="u-email" name="email" type="email" /></div>
          <div className="field"><label htmlFor="u-name">Name</label><input id="u-name" name="name" /></div>
          <div className="field"><label htmlFor="u-role">Role</label><RoleSelect name="role" /></div>
          <div className="field"><label htmlFor="u-password">Password</label><input id="u-password" name="password" type="password" autoComplete="new-password" /></div>
        </ActionForm>
      </div>
    </>
  );
}
