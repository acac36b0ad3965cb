import { demoMode } from "@/lib/config";

export function DemoBanner() {
  if (!demoMode) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      Demo mode — sandbox AWS, seeded estate and demo logins. Nothing here touches a real AWS account.
    </div>
  );
}
