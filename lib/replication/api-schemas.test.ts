import { describe, expect, it } from "vitest";
import { demoPauseInputSchema, historyRequestSchema, parseDuration, searchParamsObject, thresholdsInputSchema } from "./api-schemas";

const now = new Date("2026-03-01T12:00:00.000Z");
const parse = (query: string) => historyRequestSchema(now).safeParse(searchParamsObject(new URLSearchParams(query)));
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["7d", 604_800_000],
    [" 1h ", 3_600_000],
    ["0m", null],
    ["15", null],
    ["1w", null],
    ["-5m", null],
  ])("%s → %s", (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe("history query string", () => {
  it("defaults to the last 15 minutes, every region", () => {
    expect(parse("").data).toEqual({ from: new Date("2026-03-01T11:45:00.000Z"), to: now, regions: [], resolution: undefined, maxPoints: undefined });
  });

  it("takes from/to as ISO or epoch milliseconds", () => {
    const r = parse(`from=2026-03-01T10:00:00Z&to=${Date.parse("2026-03-01T11:00:00Z")}`).data;
    expect([r?.from.toISOString(), r?.to.toISOString()]).toEqual(["2026-03-01T10:00:00.000Z", "2026-03-01T11:00:00.000Z"]);
  });

  it("takes a range ending at to", () => {
    expect(parse("range=1h&to=2026-03-01T06:00:00Z").data?.from.toISOString()).toBe("2026-03-01T05:00:00.000Z");
  });

  it("takes regions repeated or comma-separated, without duplicates", () => {
    expect(parse("region=ap-south-1,eu-west-1&region=ap-south-1").data?.regions).toEqual(["ap-south-1", "eu-west-1"]);
  });

  it("takes resolution and maxPoints", () => {
    expect(parse("resolution=minute&maxPoints=600").data).toMatchObject({ resolution: "minute", maxPoints: 600 });
  });

  it.each([
    ["from=yesterday", "from", "ISO 8601"],
    ["range=forever", "range", "duration"],
    ["resolution=hour", "resolution", "raw or minute"],
    ["maxPoints=5", "maxPoints", "at least 10"],
    ["maxPoints=ten", "maxPoints", "number"],
    ["from=2026-03-01T12:00:00Z&to=2026-03-01T11:00:00Z", "from", "after `to`"],
    ["range=400d", "from", "366 days"],
  ])("refuses %s", (query, field, message) => {
    const result = parse(query);
    expect(result.success).toBe(false);
    expect(messages(result)[field]).toContain(message);
  });
});

describe("thresholds input", () => {
  it("accepts form strings and JSON numbers alike", () => {
    expect(thresholdsInputSchema.parse({ warningMs: " 500 ", criticalMs: "1000" })).toEqual({ warningMs: 500, criticalMs: 1_000 });
    expect(thresholdsInputSchema.parse({ warningMs: 500, criticalMs: 1_000 })).toEqual({ warningMs: 500, criticalMs: 1_000 });
  });

  it.each([
    [{ warningMs: "", criticalMs: "1000" }, "warningMs", "Warning is required"],
    [{ warningMs: "soon", criticalMs: "1000" }, "warningMs", "must be a number of milliseconds"],
    [{ warningMs: "1.5", criticalMs: "1000" }, "warningMs", "whole number"],
    [{ warningMs: "0", criticalMs: "1000" }, "warningMs", "at least 1 ms"],
    [{ warningMs: "100", criticalMs: "99999999999" }, "criticalMs", "at most"],
    [{ warningMs: "2000", criticalMs: "1000" }, "warningMs", "below the critical one"],
    [{ warningMs: "1000", criticalMs: "1000" }, "warningMs", "below the critical one"],
  ])("refuses %j", (input, field, message) => {
    const result = thresholdsInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messages(result)[field]).toContain(message);
  });
});

describe("demo pause input", () => {
  it.each([
    [true, true],
    ["true", true],
    ["1", true],
    [false, false],
    ["0", false],
  ])("%j → %s", (paused, expected) => expect(demoPauseInputSchema.parse({ paused }).paused).toBe(expected));

  it("refuses anything else", () => {
    expect(messages(demoPauseInputSchema.safeParse({ paused: "maybe" })).paused).toContain("true (pause) or false (resume)");
  });
});
