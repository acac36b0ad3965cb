import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Turns the database errors a user can cause into messages they can act on.
// Anything not recognised is passed through unchanged and treated as a bug upstream.

function constraintColumns(error: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = error.meta as Record<string, unknown> | undefined;
  const target = meta?.target;
  if (Array.isArray(target)) return target.map(String);
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { fields?: string[]; index?: string }; table?: string } } | undefined)?.cause;
  if (cause?.constraint?.fields) return cause.constraint.fields.map((f) => f.replace(/"/g, ""));
  // PostgreSQL names single-column unique indexes <table>_<column>_key and primary keys <table>_pkey.
  const index = cause?.constraint?.index;
  if (!index || !cause?.table) return [];
  if (index === `${cause.table}_pkey`) return [cause.table === "region" ? "code" : "id"];
  const column = index.match(new RegExp(`^${cause.table}_(.+)_key$`))?.[1];
  return column ? [column] : [];
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function toAppError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  switch (error.code) {
    case "P2002": {
      const fields = constraintColumns(error).map(camel);
      const what = fields.length ? `this ${fields.join(", ")}` : "one of these unique values";
      return new AppError("conflict", `Another record already uses ${what}.`, {
        fieldErrors: Object.fromEntries(fields.map((f) => [f, ["Already in use by another record"]])),
      });
    }
    case "P2003":
      return new AppError("conflict", "This record is still referenced by others (or refers to one that does not exist): remove or change those first.");
    case "P2025":
      return new AppError("not_found", "That record no longer exists.");
    default:
      return error;
  }
}
