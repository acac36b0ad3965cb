import { resolveTestServer } from "./database-server";

// Vitest global setup: picks the database server once and hands it to every test worker.
export default async function setup(): Promise<() => Promise<void>> {
  const server = await resolveTestServer();
  process.env.FLIGHTDECK_TEST_DATABASE_URL = server.url;
  return () => server.stop();
}
