// npm run token -- --role <role> --name <name>
// Creates an API token and prints it alone on the last line of stdout (for scripts: `| tail -1`).
import { parseArgs } from "node:util";
import { appendAudit } from "@/lib/audit/audit-log";
import { createApiToken } from "@/lib/auth/api-tokens";
import { isRole, roles } from "@/lib/auth/permissions";
import { openDatabase } from "@/lib/db/open";

const usage = `usage: npm run token -- --role <${roles.join("|")}> --name <name>`;
let values: { role?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { role: { type: "string" }, name: { type: "string" } } }));
} catch (error) {
  // An unknown option (--help included) or a missing value: say so and how it is used.
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!isRole(values.role) || !values.name?.trim()) {
  console.error(usage);
  process.exit(2);
}
const role = values.role;
const name = values.name.trim();

const database = await openDatabase({ log: (line) => console.error(line) });
try {
  const created = await database.db.$transaction(async (tx) => {
    const token = await createApiToken(tx, { name, role });
    await appendAudit(tx, {
      actor: `system:cli`, action: "token.create", target: `token:${name}`,
      after: { id: token.id, name, role, prefix: token.prefix }, requestId: crypto.randomUUID(),
    });
    return token;
  });
  console.log(`created ${role} token "${name}" (${created.prefix}…); it is shown once:`);
  console.log(created.token);
} finally {
  await database.close();
}
