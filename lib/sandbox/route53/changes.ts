import { z } from "zod";
import { newChangeId } from "../ids";
import type { ChangeRecord } from "../state";
import { Route53Error } from "./errors";
import { defineOperation, type Route53Runtime } from "./operation";
import { parseInput, text } from "./validation";

// A change batch is PENDING until it has "propagated to all Route 53 DNS servers", then INSYNC.
// The sandbox derives the status from the submit time and the configured delay instead of
// running a timer, so it is right after a restart too.

const KEEP_CHANGES = 1000;

export function recordChange(runtime: Route53Runtime, comment?: string): ChangeRecord {
  const { state } = runtime.store;
  const change: ChangeRecord = { id: newChangeId(), submittedAt: runtime.clock(), comment };
  state.changes[change.id] = change;
  const ids = Object.keys(state.changes);
  // Old changes are forgotten, as AWS does after a while (GetChange then says NoSuchChange).
  for (const old of ids.slice(0, Math.max(0, ids.length - KEEP_CHANGES))) delete state.changes[old];
  runtime.store.changed();
  return change;
}

export function changeInfo(runtime: Route53Runtime, change: ChangeRecord) {
  const insync = runtime.clock() >= change.submittedAt + runtime.changeDelayMs;
  return {
    Id: `/change/${change.id}`,
    Status: insync ? "INSYNC" : "PENDING",
    SubmittedAt: new Date(change.submittedAt),
    Comment: change.comment,
  };
}

export const getChange = defineOperation({
  name: "GetChange",
  method: "GET",
  path: "change/{Id}",
  mutating: false,
  input: (request) => parseInput(z.object({ Id: text(1, 32) }), request.params),
  run(runtime, input) {
    const change = runtime.store.state.changes[input.Id];
    if (!change) throw new Route53Error("NoSuchChange", `A change with the specified change ID does not exist.`);
    return { root: "GetChangeResponse", body: { ChangeInfo: changeInfo(runtime, change) } };
  },
});
