import { describe, expect, it } from "vitest";
import { flightdeckRequestIdFrom, flightdeckUserAgent, uuidsIn } from "./request-link";
import { searchQueryText, searchWords } from "./search-text";

describe("searchWords", () => {
  const cases: [string, string][] = [
    ["arn:aws:iam::111122223333:user/alice", "arn aws iam 111122223333 user alice"],
    ["0a1b2c3d-aaaa-4bbb-accc-123456789012", "0a1b2c3daaaa4bbbaccc123456789012"],
    ["maria@example.com", "maria example.com"],
    ["https://example.com/a?b=c&d=e", "https example.com a b c d e"],
    ["i-0abc123def", "i-0abc123def"],
    ["203.0.113.7", "203.0.113.7"],
  ];
  for (const [input, words] of cases) it(input, () => expect(searchWords(input)).toBe(words));
});

describe("searchQueryText", () => {
  it("treats a query like the documents and keeps phrases, or and exclusions", () => {
    expect(searchQueryText('"user/alice" -AccessDenied 0a1b2c3d-aaaa-4bbb-accc-123456789012 or bob')).toBe('"user alice" -AccessDenied 0a1b2c3daaaa4bbbaccc123456789012 or bob');
    expect(searchQueryText("  arn:aws:iam::1:role/Admin  ")).toBe("arn aws iam 1 role Admin");
  });
});

describe("request links", () => {
  it("round-trips Flightdeck's request id through the SDK's user agent", () => {
    const [[name, value]] = flightdeckUserAgent("8d3e2f10-1c2b-4a5d-9e8f-0123456789ab") as [[string, string]];
    const userAgent = `aws-sdk-js/3.1169.0 ua/2.1 os/linux#6.8 lang/js md/nodejs#20.20.2 api/route-53#3.1169.0 ${name}/${value}`;
    expect(flightdeckRequestIdFrom(userAgent)).toBe("8d3e2f10-1c2b-4a5d-9e8f-0123456789ab");
    expect(flightdeckRequestIdFrom("aws-cli/2.17.4 not-flightdeck-request/123456789")).toBeNull();
    expect(flightdeckRequestIdFrom(null)).toBeNull();
    expect(() => flightdeckUserAgent("has spaces in it")).toThrow();
  });

  it("finds request-id-shaped strings in any JSON", () => {
    expect(uuidsIn({ awsRequestIds: ["5B4E3C1A-1111-4222-8333-944455566677"], other: { id: "0f0e0d0c-aaaa-4bbb-8ccc-dddddddddddd" }, n: 3 })).toEqual([
      "5b4e3c1a-1111-4222-8333-944455566677",
      "0f0e0d0c-aaaa-4bbb-8ccc-dddddddddddd",
    ]);
  });
});
