import path from "node:path";
import { defineConfig } from "prisma/config";

// `prisma generate` never runs the schema engine but refuses to start without one;
// a real engine, where installed, still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/bin/schema-engine-unavailable");

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
