import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { LoginForm } from "@/components/auth/login-form";
import { DemoBanner } from "@/components/shell/demo-banner";
import { authOptions } from "@/lib/auth/auth-options";
import { roles } from "@/lib/auth/permissions";
import { demoEmail, demoMode, demoPassword, oidcEnabled, oidcName } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  CredentialsSignin: "Wrong email or password, or the account is disabled.",
  NoRole: "Your single sign-on account has no Flightdeck role. Ask an admin to map one of your groups to a role.",
  AccessDenied: "Access denied.",
  OAuthSignin: "Could not reach the single sign-on provider.",
  OAuthCallback: "The single sign-on provider's answer could not be checked.",
};

function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if ((await getServerSession(authOptions))?.user?.id) redirect(callbackUrl);
  const demoLogins = demoMode ? roles.map((role) => ({ role, email: demoEmail(role), password: demoPassword(role) })) : [];
  return (
    <>
      <DemoBanner />
      <main className="login">
        <div className="card">
          <div className="brand">
            Flight<span>deck</span>
          </div>
          <p className="muted">Multi-region traffic control for AWS.</p>
          <LoginForm
            callbackUrl={callbackUrl}
            initialError={params.error ? (errors[params.error] ?? "Sign-in failed.") : undefined}
            oidc={oidcEnabled ? { name: oidcName } : null}
            demoLogins={demoLogins}
          />
        </div>
      </main>
    </>
  );
}
