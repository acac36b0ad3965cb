import { describe, expect, it } from "vitest";
import { evaluatePrimary, evaluateReplica, type HeartbeatSource, type ReplicaMemory, type ReplicaProbe } from "./evaluate";
import { encodeHeartbeat, HeartbeatLog } from "./heartbeat";
import { parseReplicationInfo } from "./info";
import { defaultEvaluationOptions } from "./types";

const thresholds = { warningMs: 500, criticalMs: 1000 };
const endpoint = { id: "r1", regionCode: "ap-south-1", url: "redis://127.0.0.1:7001" };

// Our heartbeats on primary p1 at t=1000 and t=2000.
const log = new HeartbeatLog();
log.record({ seq: 1, ms: 1000 });
log.record({ seq: 2, ms: 2000 });
const primaryInfo = parseReplicationInfo("role:master\nmaster_replid:aaaa\nmaster_repl_offset:500\nslave0:ip=127.0.0.1,port=7001,state=online,offset=380,lag=1\n");
const sources: HeartbeatSource[] = [{ primaryId: "p1", primaryName: "home-primary", log, info: primaryInfo }];
const replicaInfo = (offset: number, link = "up") =>
  parseReplicationInfo(`role:slave\nmaster_link_status:${link}\nmaster_last_io_seconds_ago:0\nmaster_sync_in_progress:0\nmaster_replid:aaaa\nslave_repl_offset:${offset}\n`);
const hb = (seq: number, ms: number, by = "me") => encodeHeartbeat({ seq, ms, by });
const memory: ReplicaMemory = { sourceId: "p1", heartbeat: { seq: 2, ms: 2000, by: "me" }, failingSinceMs: null };

// null: nothing remembered (undefined would pick the default).
function evaluate(probe: ReplicaProbe, mem: ReplicaMemory | null = memory, src = sources) {
  return evaluateReplica({ endpoint, probe, sources: src, memory: mem ?? undefined, thresholds, options: defaultEvaluationOptions });
}
const answered = (values: (string | null)[], info = replicaInfo(500), atMs = 2010): ReplicaProbe => ({ answered: true, atMs, durationMs: 3, values, info });
const failed = (kind: "timeout" | "down", atMs: number): ReplicaProbe => ({ answered: false, atMs, durationMs: 400, failure: { kind, error: kind } });

describe("evaluateReplica", () => {
  it.each([
    { name: "caught up", probe: answered([hb(2, 2000)]), want: { status: "ok", lagMs: 0, lagBytes: 0, link: "up", heartbeatSeq: 2 } },
    { name: "one heartbeat behind", probe: answered([hb(1, 1000)], replicaInfo(450), 2600), want: { status: "warning", lagMs: 600, lagBytes: 50, link: "up" } },
    { name: "far behind with link down", probe: answered([hb(1, 1000)], replicaInfo(100, "down"), 3100), want: { status: "critical", lagMs: 1100, lagBytes: 400, link: "down" } },
    { name: "fed by another replicator: heartbeat only", probe: answered([hb(2, 2000)], parseReplicationInfo("role:master\nmaster_replid:zzzz\n")), want: { status: "ok", lagMs: 0, lagBytes: null, link: "external" } },
    { name: "INFO refused: heartbeat still counts", probe: answered([hb(2, 2000)], null as never), want: { status: "ok", lagMs: 0, link: "unknown" } },
    { name: "no heartbeat key", probe: answered([null]), want: { status: "stale", lagMs: null, error: "no heartbeat from any registered primary on this replica" } },
    { name: "heartbeat from a clock 5 s ahead", probe: answered([hb(7, 7010, "other")]), want: { status: "skewed", lagMs: -5000, clockSkew: true, clockSkewMs: 5000 } },
    { name: "frozen: first timeout counts from the last confirmed heartbeat", probe: failed("timeout", 3400), want: { status: "critical", lagMs: 1400, link: "unknown", lagBytes: 120, error: "timeout" } },
    { name: "killed: connection refused is unreachable at once", probe: failed("down", 3400), want: { status: "unreachable", lagMs: null } },
  ])("$name", ({ probe, want }) => {
    expect(evaluate(probe).sample).toMatchObject(want);
  });

  it("a timeout with nothing confirmed before is unreachable", () => {
    expect(evaluate(failed("timeout", 3400), null).sample.status).toBe("unreachable");
  });

  it("a timeout lasting past unreachableAfterMs becomes unreachable", () => {
    const first = evaluate(failed("timeout", 3000));
    expect(first.memory?.failingSinceMs).toBe(3000);
    const later = evaluate(failed("timeout", 3000 + defaultEvaluationOptions.unreachableAfterMs), first.memory ?? null);
    expect(later.sample.status).toBe("unreachable");
  });

  it("an answer clears the failure streak and remembers the heartbeat", () => {
    const { memory: next } = evaluate(answered([hb(2, 2000)]), { ...memory, failingSinceMs: 1 });
    expect(next).toEqual({ sourceId: "p1", heartbeat: { seq: 2, ms: 2000, by: "me" }, failingSinceMs: null });
  });

  it("is stale when its primary's heartbeat is no longer written", () => {
    const sample = evaluate(answered([hb(2, 2000)], replicaInfo(500), 2000 + 3_001)).sample;
    expect(sample).toMatchObject({ status: "stale", lagMs: 0, error: "heartbeat of primary home-primary is not being written" });
  });

  it("prefers the source still being written over an old key of a former primary", () => {
    const fresh = new HeartbeatLog();
    fresh.record({ seq: 9, ms: 4000 });
    const two: HeartbeatSource[] = [...sources, { primaryId: "p2", primaryName: "new-primary", log: fresh, info: null }];
    const { sample, memory: next } = evaluate(answered([hb(1, 1000), hb(9, 4000)], replicaInfo(500), 4100), null, two);
    expect([sample.status, sample.lagMs, next?.sourceId]).toEqual(["ok", 0, "p2"]);
  });

  it("prefers a heartbeat from a sane clock over one from the future", () => {
    const other: HeartbeatSource = { primaryId: "p2", primaryName: "other", log: new HeartbeatLog(), info: null };
    other.log.record({ seq: 1, ms: 2500 }); // still being written, so not stale
    const probe = answered([hb(1, 1000), hb(5, 9000, "fast-clock")], replicaInfo(500), 2600);
    expect(evaluate(probe, null, [...sources, other]).sample).toMatchObject({ status: "warning", lagMs: 600, clockSkew: false });
  });
});

describe("evaluatePrimary", () => {
  const primary = { id: "p1", regionCode: "ap-southeast-1", url: "redis://127.0.0.1:7000" };
  it.each([
    { probe: { ok: true as const, atMs: 1, durationMs: 2.4, seq: 5 }, want: { status: "ok", lagMs: 0, lagBytes: 0, link: null, heartbeatSeq: 5, probeMs: 2 } },
    { probe: { ok: false as const, atMs: 1, durationMs: 400, failure: { kind: "timeout" as const, error: "timed out" } }, want: { status: "unreachable", lagMs: null, error: "timed out" } },
  ])("$want.status", ({ probe, want }) => {
    expect(evaluatePrimary(primary, probe)).toMatchObject(want);
  });
});
