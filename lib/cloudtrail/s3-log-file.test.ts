import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogFileError, readLogFile, recordSpans } from "./s3-log-file";

const spansOf = (text: string) => {
  const spans = recordSpans(Buffer.from(text));
  if (!spans) return null;
  const out: string[] = [];
  for (let k = 0; k < spans.length; k += 2) out.push(text.slice(spans[k], spans[k + 1]));
  return out;
};

describe("recordSpans", () => {
  it("finds each record of the Records array, whatever its strings hold", () => {
    expect(spansOf('{"Records":[{"a":1},{"b":"x}]\\"{"} ,\n {"c":[{"d":null}]}]}')).toEqual(['{"a":1}', '{"b":"x}]\\"{"}', '{"c":[{"d":null}]}']);
    expect(spansOf('{"Other":[{"a":1}],"Records":[{"b":2}],"Records2":[{"c":3}]}')).toEqual(['{"b":2}']);
    expect(spansOf('{"Records":[]}')).toEqual([]);
  });

  it("gives up on anything but objects in the array, or brackets that do not balance", () => {
    expect(spansOf('{"Records":[1]}')).toBeNull();
    expect(spansOf('{"Records":["x"]}')).toBeNull();
    expect(spansOf('{"Records":[[1]]}')).toBeNull();
    expect(spansOf('{"Records":[{"a":1}]')).toBeNull();
    expect(spansOf('{"Records":[{"a":"open')).toBeNull();
  });
});

describe("readLogFile", () => {
  let dir: string;
  const file = async (name: string, text: string, gzip = true) => {
    const at = path.join(dir, name);
    await writeFile(at, gzip ? gzipSync(text) : text);
    return at;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "fd-log-file-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps each record's own JSON text, byte for byte", async () => {
    const text = '{"Records": [ {"eventID":"e1","note":"caf\u00e9 ]}"} , {"eventID":"e2"} ]}';
    const log = await readLogFile(await file("a.json.gz", text));
    expect(log.records).toEqual([{ eventID: "e1", note: "caf\u00e9 ]}" }, { eventID: "e2" }]);
    expect(log.json?.map((bytes) => Buffer.from(bytes).toString("utf8"))).toEqual(['{"eventID":"e1","note":"caf\u00e9 ]}"}', '{"eventID":"e2"}']);
  });

  it("reads files it cannot split the same way as before, parsed whole", async () => {
    const log = await readLogFile(await file("b.json", '{"Records": [{"eventID":"e1"}, 7]}', false));
    expect(log.records).toEqual([{ eventID: "e1" }, 7]);
    expect(log.json).toBeNull();
  });

  it("parses whole a file that is not UTF-8, so its records are stored as valid text", async () => {
    const at = path.join(dir, "latin1.json.gz");
    await writeFile(at, gzipSync(Buffer.concat([Buffer.from('{"Records": [{"eventID":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')])));
    const log = await readLogFile(at);
    expect(log.records).toEqual([{ eventID: "caf\ufffd" }]);
    expect(log.json).toBeNull();
  });

  it("refuses what is not a log file, naming it", async () => {
    await expect(readLogFile(await file("c.json.gz", '{"Records": [{"a":1}] trailing}'))).rejects.toThrow(LogFileError);
    await expect(readLogFile(await file("d.json.gz", '{"Records": [{"a":1},, {"b":2}]}'))).rejects.toThrow(/not JSON/);
    await expect(readLogFile(await file("e.json.gz", '{"Records": [{"a":tru}]}'))).rejects.toThrow(/not JSON/);
    await expect(readLogFile(await file("f.json.gz", '{"Events": []}'))).rejects.toThrow(/not a CloudTrail log file/);
  });
});
