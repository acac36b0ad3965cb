import { describe, expect, it } from "vitest";
import { identifiersText, isIdentifier, searchDocumentOf, searchPhraseOf, searchQueryOf, searchWordsOf, sketchTermsOf } from "./search-vector";

// Positions as arrays throughout (the vector keeps a lone position as a number).
const searchVectorOf = (record: unknown, limit?: number): Map<string, number[]> =>
  new Map([...searchDocumentOf(record, limit).vector].map(([word, positions]) => [word, typeof positions === "number" ? [positions] : positions]));

describe("searchWordsOf", () => {
  const cases: [string, string[]][] = [
    ["arn:aws:iam::111122223333:user/alice", ["arn", "aws", "iam", "111122223333", "user", "alice"]],
    ["0A1B2C3D-aaaa-4bbb-accc-123456789012", ["0a1b2c3daaaa4bbbaccc123456789012"]],
    ["arn:aws:route53:::healthcheck/0a1b2c3d-aaaa-4bbb-accc-123456789012", ["arn", "aws", "route53", "healthcheck", "0a1b2c3daaaa4bbbaccc123456789012"]],
    ["x_0a1b2c3d-aaaa-4bbb-accc-123456789012", ["x_0a1b2c3d", "aaaa", "4bbb", "accc", "123456789012"]],
    ["maria@example.com", ["maria", "example.com"]],
    ["https://example.com/a?b=c&d=e", ["https", "example.com", "a", "b", "c", "d", "e"]],
    ["i-0abc123def us-east-1 203.0.113.7", ["i", "0abc123def", "us", "east", "1", "203.0.113.7"]],
    ["aws-cli/2.17.4 md/Botocore#1.34.131", ["aws", "cli", "2.17.4", "md", "botocore", "1.34.131"]],
    ["Rate exceeded. Try again...later .x", ["rate", "exceeded", "try", "again", "later", "x"]],
    ["x.0a1b2c3d-aaaa-4bbb-accc-123456789012 0a1b2c3d-aaaa-4bbb-accc-123456789012.json", ["x.0a1b2c3d", "aaaa", "4bbb", "accc", "123456789012", "0a1b2c3daaaa4bbbaccc123456789012", "json"]],
    ["Zürich Straße 東京 ß.é 𝒳y", ["zürich", "straße", "東京", "ß.é", "𝒳y"]],
    ["", []],
    ["--- ::", []],
  ];
  for (const [input, words] of cases) it(JSON.stringify(input), () => expect(searchWordsOf(input)).toEqual(words));

  it("cuts very long words, the same way for documents and queries", () => {
    expect(searchWordsOf("a".repeat(300))).toEqual(["a".repeat(100)]);
  });
});

describe("searchVectorOf", () => {
  const asObject = (vector: Map<string, number[]>) => Object.fromEntries(vector);

  it("keeps values, drops keys, the time and transport details; numbers count, booleans do not", () => {
    const vector = searchVectorOf({
      eventVersion: "1.09",
      eventTime: "2026-11-21T08:15:02Z",
      eventName: "PutBucketPolicy",
      userIdentity: { type: "IAMUser", userName: "alice" },
      requestParameters: { bucketName: "assets", retries: 3, dryRun: false, nested: [{ deep: "value alice" }] },
      tlsDetails: { tlsVersion: "TLSv1.3" },
    });
    expect(asObject(vector)).toEqual({ putbucketpolicy: [1], iamuser: [2], alice: [3, 7], assets: [4], "3": [5], value: [6] });
  });

  it("holds each word once, with its positions", () => {
    const vector = searchVectorOf({ eventName: "RunInstances", awsRegion: "us-east-1", errorMessage: "east is east" });
    expect([...vector]).toEqual([["runinstances", [1]], ["us", [2]], ["east", [3, 5, 7]], ["1", [4]], ["is", [6]]]);
  });

  it("puts the ids and the actor first, so a cut never loses them", () => {
    const document = searchDocumentOf({ requestParameters: { document: "x ".repeat(5000) }, eventID: "0a1b2c3d-aaaa-4bbb-accc-123456789012", userIdentity: { userName: "alice" } }, 200);
    expect([...document.identifiers]).toEqual(["0a1b2c3daaaa4bbbaccc123456789012"]);
    expect(Object.fromEntries(document.vector)).toMatchObject({ "#12": 1, "%90": 1, alice: 2 });
  });

  it("is bounded, and within tsvector's limits of 256 positions per word", () => {
    expect(searchVectorOf({ a: "word ".repeat(10_000) }, 100).get("word")).toHaveLength(20);
    expect(searchVectorOf({ a: "word ".repeat(10_000) }, 100_000).get("word")).toHaveLength(256);
  });
});

describe("identifiers", () => {
  it("are long words with a digit, in ASCII", () => {
    expect(isIdentifier("0a1b2c3daaaa4bbbaccc123456789012")).toBe(true);
    expect(isIdentifier("asiab284361060a247d8")).toBe(true);
    expect(isIdentifier("1234567890123456")).toBe(true);
    expect(isIdentifier("route53.amazonaws.com")).toBe(false); // a host name
    expect(isIdentifier("awsreservedsso_admin_4f3c")).toBe(false); // a name
    expect(isIdentifier("describeinstances")).toBe(false); // no digit
    expect(isIdentifier("i0abc123")).toBe(false); // short
    expect(isIdentifier("größe1234567890123")).toBe(false); // not ASCII
  });

  it("stand in the vector as two sketch terms at their position, and whole in the identifiers text", () => {
    const { vector, identifiers } = searchDocumentOf({ eventName: "GetObject", requestID: "AAAABBBBCCCC1234", resources: [{ ARN: "arn:aws:s3:::b/k-AAAABBBBCCCC1234" }] });
    expect(sketchTermsOf("aaaabbbbcccc1234")).toEqual(["#34", "%12"]);
    expect(Object.fromEntries(vector)).toEqual({ "#34": [1, 8], "%12": [1, 8], getobject: 2, arn: 3, aws: 4, s3: 5, b: 6, k: 7 });
    expect(identifiersText(identifiers)).toBe(" aaaabbbbcccc1234 ");
    expect(identifiersText(new Set())).toBe("");
  });
});

describe("searchQueryOf", () => {
  // Alternatives of terms, written out: "|" between alternatives, "&" between terms.
  const show = (query: string) =>
    searchQueryOf(query)
      ?.map((terms) => terms.map(({ negated, phrase }) => `${negated ? "!" : ""}${phrase.tsquery}${phrase.identifiers.map((i) => ` [${i}]`).join("")}`).join(" & "))
      .join(" | ") ?? null;
  const cases: [string, string | null][] = [
    ["AccessDenied", "('accessdenied')"],
    ["alice RunInstances", "('alice') & ('runinstances')"],
    ["us-east-1", "('us' <-> 'east' <-> '1')"],
    ['"not authorized" -AccessDenied', "('not' <-> 'authorized') & !('accessdenied')"],
    ["alice or bob carol", "('alice') | ('bob') & ('carol')"],
    ["a b or c", "('a') & ('b') | ('c')"],
    ["OR alice or", "('alice')"],
    ["0a1b2c3d-aaaa-4bbb-accc-123456789012", "('#12') & '%90' [0a1b2c3daaaa4bbbaccc123456789012]"],
    ["-ASIAB284361060A247D8", "!('#d8') & '%47' [asiab284361060a247d8]"],
    ["arn:aws:iam::1:role/Admin", "('arn' <-> 'aws' <-> 'iam' <-> '1' <-> 'role' <-> 'admin')"],
    ["kms.amazonaws.com 10.0.0.1", "('kms.amazonaws.com') & ('10.0.0.1')"],
    ["it's", "('it' <-> 's')"],
    [":: - \"\"", null],
  ];
  for (const [input, query] of cases) it(input, () => expect(show(input)).toBe(query));

  it("phrases for exact values, identifiers placed by a sketch term", () => {
    expect(searchPhraseOf("trafficpolicy/0a1b2c3d-aaaa-4bbb-accc-123456789012")).toEqual({
      tsquery: "('trafficpolicy' <-> '#12') & '%90'",
      identifiers: ["0a1b2c3daaaa4bbbaccc123456789012"],
    });
    expect(searchPhraseOf("///")).toBeNull();
  });
});
