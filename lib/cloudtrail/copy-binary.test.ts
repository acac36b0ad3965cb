import { describe, expect, it } from "vitest";
import { BinaryRowWriter } from "./copy-binary";

// The layouts PostgreSQL's receive functions read; that they read them is the integration
// test's part (event-store.int.test.ts).

function bytes(write: (w: BinaryRowWriter) => void): Buffer {
  const w = new BinaryRowWriter();
  write(w);
  w.finish();
  return Buffer.concat(w.done.map((m) => m.message.subarray(5)));
}

describe("BinaryRowWriter", () => {
  it("frames CopyData messages: 'd', then a length that counts itself", () => {
    const w = new BinaryRowWriter();
    w.int16(-1);
    w.finish();
    expect([...(w.done[0]?.message ?? [])]).toEqual([0x64, 0, 0, 0, 6, 0xff, 0xff]);
  });

  it("writes timestamps as microseconds since 2000-01-01, before it too", () => {
    for (const iso of ["2026-11-21T08:15:02.123Z", "1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00.000Z"]) {
      const micros = (BigInt(Date.parse(iso)) - 946_684_800_000n) * 1000n;
      const expected = Buffer.alloc(12);
      expected.writeInt32BE(8);
      expected.writeBigInt64BE(micros, 4);
      expect(bytes((w) => w.timestamptz(new Date(iso)))).toEqual(expected);
    }
  });

  it("writes text as UTF-8 with its byte length, and NULL as length -1", () => {
    expect([...bytes((w) => w.text("zoë"))]).toEqual([0, 0, 0, 4, 0x7a, 0x6f, 0xc3, 0xab]);
    expect([...bytes((w) => w.text(null))]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect([...bytes((w) => w.bool(true))]).toEqual([0, 0, 0, 1, 1]);
    expect([...bytes((w) => w.jsonb("[]"))]).toEqual([0, 0, 0, 3, 1, 0x5b, 0x5d]);
  });

  it("writes tsvector in its receive format", () => {
    expect([...bytes((w) => w.tsvector(new Map([["a", [1, 3]], ["bc", [2]]])))]).toEqual([0, 0, 0, 19, 0, 0, 0, 2, 0x61, 0, 0, 2, 0, 1, 0, 3, 0x62, 0x63, 0, 0, 1, 0, 2]);
    // A lone position may be given as a number, and a word may have none (a filter term).
    expect([...bytes((w) => w.tsvector(new Map<string, number | number[]>([["bc", 2], ["t", []]])))]).toEqual([0, 0, 0, 15, 0, 0, 0, 2, 0x62, 0x63, 0, 0, 1, 0, 2, 0x74, 0, 0, 0]);
  });

  it("continues a value too large for one message in a message of its own", () => {
    const w = new BinaryRowWriter();
    w.text("x".repeat(100));
    w.text("y".repeat(300_000));
    w.finish();
    expect(w.done).toHaveLength(2);
    expect(w.done[1]?.message.length).toBe(5 + 4 + 300_000);
  });
});
