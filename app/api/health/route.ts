import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";

// Unauthenticated on purpose: load balancers and the start script poll it.
export async function GET() {
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", database: { status: "up", latencyMs: Math.round(performance.now() - started) } });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return NextResponse.json({ status: "degraded", database: { status: "down", error: message } }, { status: 503 });
  }
}
