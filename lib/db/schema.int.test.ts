import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import internals from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";

// Migrations are hand-written SQL (Prisma's migration engine cannot run offline), so this
// test is what keeps them honest: the migrated database must be exactly what the Prisma
// schema describes, table by table and column by column.

type Column = { type: string; nullable: boolean };

const scalarTypes: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

const nativeTypes: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Json: () => "json",
  Timestamptz: (args) => `timestamp(${args[0] ?? 6}) with time zone`,
  Timestamp: (args) => `timestamp(${args[0] ?? 6}) without time zone`,
  Text: () => "text",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  Inet: () => "inet",
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : "character varying"),
  DoublePrecision: () => "double precision",
  Real: () => "real",
};

async function expectedSchema(): Promise<Map<string, Map<string, Column>>> {
  const dir = path.resolve("prisma/schema");
  const files = readdirSync(dir).map((f): [string, string] => [path.join(dir, f), readFileSync(path.join(dir, f), "utf8")]);
  const dmmf = await internals.getDMMF({ datamodel: files });
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tables = new Map<string, Map<string, Column>>();
  for (const model of dmmf.datamodel.models) {
    const columns = new Map<string, Column>();
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const native = field.nativeType as [string, string[]] | null | undefined;
      let type: string;
      if (field.kind === "enum") type = enums.get(field.type) ?? field.type;
      else if (native) type = nativeTypes[native[0]]?.(native[1]) ?? `unmapped native type ${native[0]}`;
      else type = scalarTypes[field.type] ?? `unmapped type ${field.type}`;
      if (field.isList) type = `${type}[]`;
      columns.set(field.dbName ?? field.name, { type, nullable: !field.isRequired });
    }
    tables.set(model.dbName ?? model.name, columns);
  }
  // The DMMF leaves out Unsupported("…") fields (tsvector); they are read from the schema text.
  for (const [, text] of files) {
    for (const [, name, body] of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      const model = dmmf.datamodel.models.find((m) => m.name === name);
      const columns = tables.get(model?.dbName ?? name ?? "");
      for (const [, field, type, optional, rest] of (body ?? "").matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
        columns?.set(/@map\("([^"]+)"\)/.exec(rest ?? "")?.[1] ?? (field as string), { type: type as string, nullable: optional === "?" });
      }
    }
  }
  return tables;
}

async function actualSchema(test: TestDatabase): Promise<Map<string, Map<string, Column>>> {
  const rows = await test.db.$queryRaw<{ table_name: string; column_name: string; type: string; nullable: boolean }[]>`
    SELECT c.table_name, c.column_name, c.is_nullable = 'YES' AS nullable,
           CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name
                WHEN c.data_type = 'ARRAY' THEN format_type(a.atttypid, a.atttypmod)
                ELSE format_type(a.atttypid, a.atttypmod) END AS type
    FROM information_schema.columns c
    JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'flightdeck_schema_version'`;
  const tables = new Map<string, Map<string, Column>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, Column>();
    columns.set(row.column_name, { type: row.type, nullable: row.nullable });
    tables.set(row.table_name, columns);
  }
  return tables;
}

describe("migrated database matches the Prisma schema", () => {
  let test: TestDatabase;
  let expected: Map<string, Map<string, Column>>;
  let actual: Map<string, Map<string, Column>>;

  beforeAll(async () => {
    test = await createTestDatabase();
    expected = await expectedSchema();
    actual = await actualSchema(test);
  });
  afterAll(() => test?.drop());

  it("has exactly the tables of the Prisma models (partitions aside)", () => {
    const isPartition = (name: string) => /_p\d{6,8}$|_default$/.test(name);
    expect([...actual.keys()].filter((t) => !isPartition(t)).sort()).toEqual([...expected.keys()].sort());
  });

  it("has every column with its type and nullability, and no others", () => {
    for (const [table, columns] of expected) {
      const got = Object.fromEntries(actual.get(table) ?? []);
      expect({ table, columns: got }).toEqual({ table, columns: Object.fromEntries(columns) });
    }
  });
});
