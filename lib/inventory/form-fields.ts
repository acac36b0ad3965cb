import type { FormField } from "@/components/inventory/inventory-form";
import type { FieldSpec, Row } from "./kinds";
import type { Options } from "./options";

/** The kind's fields with their choices filled in, as the client form wants them. */
export function formFields(fields: FieldSpec[], options: Options, mode: "create" | "edit" | "view"): FormField[] {
  return fields.map((field) => ({
    name: field.name,
    label: field.label,
    type: field.type,
    options: typeof field.options === "string" ? options[field.options] : field.options,
    placeholder: field.placeholder,
    help: field.help,
    optional: field.optional,
    readOnly: mode === "view" || (mode === "edit" && field.immutable),
  }));
}

export function rowValues(row: Row | null, fields: FieldSpec[]): Record<string, string> {
  if (!row) return {};
  return Object.fromEntries(fields.map((f) => [f.name, row[f.name] === null || row[f.name] === undefined ? "" : String(row[f.name])]));
}
