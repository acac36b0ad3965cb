import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve("."), "server-only": path.resolve("lib/test/server-only-stub.ts") };

// Unit tests (*.test.ts) are pure and fast. Integration tests (*.int.test.ts) talk to
// real PostgreSQL, Redis and the sandbox over HTTP; they run one file per worker.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          globalSetup: ["lib/test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
