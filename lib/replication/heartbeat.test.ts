import { describe, expect, it } from "vitest";
import { encodeHeartbeat, HeartbeatLog, measureLag, parseHeartbeat, type Heartbeat } from "./heartbeat";

// Our writes at t=1000, 2000, 3000 (seq 1..3).
function logOf(...writes: [number, number][]): HeartbeatLog {
  const log = new HeartbeatLog();
  for (const [seq, ms] of writes) log.record({ seq, ms });
  return log;
}
const log = logOf([1, 1000], [2, 2000], [3, 3000]);
const hb = (seq: number, ms: number): Heartbeat => ({ seq, ms, by: "c1" });

describe("measureLag", () => {
  it.each([
    { name: "holds the newest heartbeat: caught up", heartbeat: hb(3, 3000), now: 3005, answered: true, want: { lagMs: 0, basis: "log", skewMs: null } },
    { name: "misses the newest: time since it was written", heartbeat: hb(2, 2000), now: 3040, answered: true, want: { lagMs: 40, basis: "log", skewMs: null } },
    { name: "misses two: time since the first missed", heartbeat: hb(1, 1000), now: 3040, answered: true, want: { lagMs: 1040, basis: "log", skewMs: null } },
    { name: "timed out: time since the last heartbeat it confirmed", heartbeat: hb(3, 3000), now: 3400, answered: false, want: { lagMs: 400, basis: "log", skewMs: null } },
    { name: "someone else's heartbeat: now minus its time", heartbeat: hb(9, 2500), now: 3000, answered: true, want: { lagMs: 500, basis: "raw", skewMs: null } },
    { name: "same seq, other time: not ours", heartbeat: hb(3, 2900), now: 3000, answered: true, want: { lagMs: 100, basis: "raw", skewMs: null } },
    { name: "from the future beyond tolerance: skew", heartbeat: hb(9, 5000), now: 3000, answered: true, want: { lagMs: -2000, basis: "raw", skewMs: 2000 } },
    { name: "slightly in the future: jitter, zero", heartbeat: hb(9, 3100), now: 3000, answered: true, want: { lagMs: 0, basis: "raw", skewMs: null } },
    { name: "older than the log: raw", heartbeat: hb(0, 500), now: 3000, answered: true, want: { lagMs: 2500, basis: "raw", skewMs: null } },
  ])("$name", ({ heartbeat, now, answered, want }) => {
    expect(measureLag({ nowMs: now, heartbeat, log, answered, skewToleranceMs: 250 })).toEqual(want);
  });

  it("without any log, falls back to raw", () => {
    expect(measureLag({ nowMs: 3000, heartbeat: hb(3, 3000), log: undefined, answered: true, skewToleranceMs: 250 }).basis).toBe("raw");
  });
});

describe("heartbeat encoding", () => {
  it.each([
    [encodeHeartbeat({ ms: 1700000000000, seq: 42, by: "host:1" }), { ms: 1700000000000, seq: 42, by: "host:1" }],
    ["1700000000000:42", { ms: 1700000000000, seq: 42, by: null }],
    ['{"ms":1,"seq":2}', { ms: 1, seq: 2, by: null }],
    ['{"ms":-1,"seq":2}', null],
    ['{"ms":"1","seq":2}', null],
    ["garbage", null],
    ["", null],
    [null, null],
  ])("%s", (value, want) => {
    expect(parseHeartbeat(value)).toEqual(want);
  });
});

describe("HeartbeatLog", () => {
  it("continues the sequence found on the primary and never reuses a number", () => {
    const l = new HeartbeatLog();
    expect(l.pendingSeq).toBeNull();
    l.seed({ ms: 1, seq: 41, by: null });
    expect([l.takeSeq(), l.takeSeq()]).toEqual([42, 43]);
  });

  it("forgets the oldest writes beyond its capacity", () => {
    const l = new HeartbeatLog(2);
    for (let seq = 1; seq <= 3; seq++) l.record({ seq, ms: seq * 1000 });
    expect(l.find(hb(1, 1000))).toBeNull();
    expect(l.find(hb(2, 2000))).toEqual({ write: { seq: 2, ms: 2000 }, next: { seq: 3, ms: 3000 } });
    expect(l.lastWrite).toEqual({ seq: 3, ms: 3000 });
  });
});
