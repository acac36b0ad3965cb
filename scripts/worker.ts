// npm run worker — runs every background task in lib/worker/tasks.ts until stopped.
import { openDatabase } from "@/lib/db/open";
import { workerTasks } from "@/lib/worker/tasks";

const database = await openDatabase({ migrate: false });
const controller = new AbortController();
const stop = () => controller.abort();
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

console.log(`worker running ${workerTasks.length} task(s): ${workerTasks.map((t) => t.name).join(", ") || "none yet"}`);
const results = await Promise.allSettled(
  workerTasks.map((task) =>
    task.run({ db: database.db, databaseUrl: database.url, signal: controller.signal, log: (line) => console.log(`[${task.name}] ${line}`) }).catch((error: unknown) => {
      console.error(`[${task.name}] stopped with an error`, error);
      throw error;
    }),
  ),
);
const failed = results.some((r) => r.status === "rejected");
// Tasks run until stopped; with none (or all finished cleanly) the worker still waits for the signal.
if (!failed && !controller.signal.aborted) {
  const keepAlive = setInterval(() => undefined, 60_000); // a pending promise alone does not keep Node running
  await new Promise((resolve) => controller.signal.addEventListener("abort", resolve));
  clearInterval(keepAlive);
}
await database.close();
process.exit(failed && !controller.signal.aborted ? 1 : 0);
