import { describe, expect, it } from "vitest";
import { searchPhraseOf, searchQueryOf, searchVectorOf, searchWordsOf, type SearchVector } from "./search-vector";

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
  const asObject = (vector: SearchVector) => Object.fromEntries(vector);

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
    const vector = searchVectorOf({ requestParameters: { document: "x ".repeat(5000) }, eventID: "0a1b2c3d-aaaa-4bbb-accc-123456789012", userIdentity: { userName: "alice" } }, 200);
    expect(asObject(vector)).toMatchObject({ "0a1b2c3daaaa4bbbaccc123456789012": [1], alice: [2] });
  });

  it("is bounded, and within tsvector's limits of 256 positions per word", () => {
    expect(searchVectorOf({ a: "word ".repeat(10_000) }, 100).get("word")).toHaveLength(20);
    expect(searchVectorOf({ a: "word ".repeat(10_000) }, 100_000).get("word")).toHaveLength(256);
  });
});

describe("searchQueryOf", () => {
  const cases: [string, string | null][] = [
    ["AccessDenied", "('accessdenied')"],
    ["alice RunInstances", "('alice') & ('runinstances')"],
    ["us-east-1", "('us' <-> 'east' <-> '1')"],
    ['"not authorized" -AccessDenied', "('not' <-> 'authorized') & !('accessdenied')"],
    ["alice or bob carol", "('alice') | ('bob') & ('carol')"],
    ["OR alice or", "('alice')"],
    ["0a1b2c3d-aaaa-4bbb-accc-123456789012", "('0a1b2c3daaaa4bbbaccc123456789012')"],
    ["arn:aws:iam::1:role/Admin", "('arn' <-> 'aws' <-> 'iam' <-> '1' <-> 'role' <-> 'admin')"],
    ["kms.amazonaws.com 10.0.0.1", "('kms.amazonaws.com') & ('10.0.0.1')"],
    ["it's", "('it' <-> 's')"],
    [":: - \"\"", null],
  ];
  for (const [input, query] of cases) it(input, () => expect(searchQueryOf(input)).toBe(query));

  it("phrases for exact values", () => {
    expect(searchPhraseOf("trafficpolicy/0a1b2c3d-aaaa-4bbb-accc-123456789012")).toBe("'trafficpolicy' <-> '0a1b2c3daaaa4bbbaccc123456789012'");
    expect(searchPhraseOf("///")).toBeNull();
  });
});
