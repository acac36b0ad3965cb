// npm run db:migrate — applies prisma/migrations/*.sql to DATABASE_URL (or the embedded database).
import { openDatabase } from "@/lib/db/open";

const database = await openDatabase({ log: (line) => console.log(line) });
console.log(`database is migrated (${database.embedded ? "embedded" : "DATABASE_URL"})`);
await database.close();
