"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Props = {
  callbackUrl: string;
  initialError?: string;
  oidc: { name: string } | null;
  demoLogins: { role: string; email: string; password: string }[];
};

export function LoginForm({ callbackUrl, initialError, oidc, demoLogins }: Props) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setError("Wrong email or password, or the account is disabled.");
  }

  return (
    <>
      <form className="stack" onSubmit={submit} style={{ marginTop: 18 }} aria-label="Sign in">
        {error && (
          <div className="notice error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="actions">
          <button className="btn primary" type="submit" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </button>
          {oidc && (
            <button className="btn" type="button" onClick={() => signIn("oidc", { callbackUrl })}>
              Sign in with {oidc.name}
            </button>
          )}
        </div>
      </form>
      {demoLogins.length > 0 && (
        <div className="demo-logins">
          <strong>Demo logins</strong> (click to fill in)
          <table>
            <tbody>
              {demoLogins.map((login) => (
                <tr key={login.role}>
                  <td>
                    <button type="button" className="btn" style={{ padding: "2px 8px" }} onClick={() => { setEmail(login.email); setPassword(login.password); }}>
                      {login.role}
                    </button>
                  </td>
                  <td className="mono">{login.email}</td>
                  <td className="mono">{login.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
