// npm run db:seed — seeds the demo estate and demo users (idempotent).
import { openDatabase } from "@/lib/db/open";
import { env } from "@/lib/env";
import { seedDemoEstate, seedDemoUsers } from "@/lib/seed/seed";

const database = await openDatabase({ log: (line) => console.log(line) });
try {
  await seedDemoEstate(database.db, { heartbeatBasePort: env.FLIGHTDECK_HEARTBEAT_BASE_PORT });
  await seedDemoUsers(database.db);
  console.log("demo estate and users seeded");
} finally {
  await database.close();
}
