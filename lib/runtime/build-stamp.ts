import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// `npm start` builds only when the sources changed since the last build: a stamp of
// every source file's path, size and mtime is kept beside the build.

const sources = ["app", "components", "lib", "public", "next.config.js", "tsconfig.json", "package-lock.json", "prisma/schema"];
const skip = new Set(["node_modules", ".next", ".data", "generated"]);

function walk(entry: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!skip.has(name) && !name.endsWith(".test.ts")) walk(path.join(entry, name), hash);
  } else {
    hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
  }
}

export function sourceStamp(root: string): string {
  const hash = createHash("sha256");
  for (const entry of sources) walk(path.join(root, entry), hash);
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "flightdeck-source-stamp");

export function buildIsCurrent(root: string): boolean {
  const file = stampFile(root);
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(file) && readFileSync(file, "utf8") === sourceStamp(root);
}

export function recordBuild(root: string): void {
  writeFileSync(stampFile(root), sourceStamp(root));
}
