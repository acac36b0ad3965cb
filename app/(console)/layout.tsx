import { DemoBanner } from "@/components/shell/demo-banner";
import { navFor } from "@/components/shell/nav-items";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { pageActor } from "@/lib/auth/page-guard";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  const items = navFor(actor.role).map(({ href, label }) => ({ href, label }));
  return (
    <>
      <DemoBanner />
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">
            Flight<span>deck</span>
          </div>
          <SidebarNav items={items} />
          <div className="who" data-testid="who">
            <strong>{actor.name}</strong>
            <span className="badge info" data-testid="role">{actor.role}</span>
            <div>
              <SignOutButton />
            </div>
          </div>
        </aside>
        <main className="main">{children}</main>
      </div>
    </>
  );
}
