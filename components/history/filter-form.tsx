"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { FilterOptions } from "@/lib/history/filter-options";

// The filter bar. Every field is a URL parameter of the same name, so a submitted form is a
// link that reproduces the view; empty fields are left out of that link. Without JavaScript
// the form still works as a plain GET form.

export type FilterValues = Partial<Record<"from" | "to" | "range" | "account" | "region" | "source" | "name" | "actor" | "resource" | "resourceType" | "readOnly" | "errors" | "q" | "kind", string>>;

const presets = [
  ["1h", "Last hour"],
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
  ["", "Any time / custom"],
] as const;

/** "2026-11-21T08:15:02.000Z" → "2026-11-21T08:15" for a datetime-local input (times are UTC throughout). */
const toLocalInput = (iso: string | undefined) => (iso ? iso.slice(0, 16) : "");

function Datalist({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

export function FilterForm({ values, options }: { values: FilterValues; options: FilterOptions }) {
  const router = useRouter();
  // A preset and explicit times exclude each other: choosing one clears the other.
  const [range, setRange] = useState(values.from || values.to ? "" : (values.range ?? ""));
  const [from, setFrom] = useState(toLocalInput(values.from));
  const [to, setTo] = useState(toLocalInput(values.to));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    router.push(`/history?${params.toString()}`);
  }
  const text = (name: keyof FilterValues, label: string, list?: string, placeholder?: string) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} defaultValue={values[name] ?? ""} list={list} placeholder={placeholder} autoComplete="off" />
    </div>
  );
  return (
    <form className="history-filters card" method="get" action="/history" onSubmit={submit} aria-label="Filters" data-testid="history-filters">
      <div className="field wide">
        <label htmlFor="f-q">Search everything</label>
        <input id="f-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder='words, ids, ARNs, "exact phrase", -exclude' />
      </div>
      <div className="field">
        <label htmlFor="f-range">Time range</label>
        <select id="f-range" name="range" value={range} onChange={(e) => { setRange(e.target.value); if (e.target.value) { setFrom(""); setTo(""); } }}>
          {presets.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">From (UTC)</label>
        <input id="f-from" name="from" type="datetime-local" value={from} onChange={(e) => { setFrom(e.target.value); if (e.target.value) setRange(""); }} />
      </div>
      <div className="field">
        <label htmlFor="f-to">To (UTC)</label>
        <input id="f-to" name="to" type="datetime-local" value={to} onChange={(e) => { setTo(e.target.value); if (e.target.value) setRange(""); }} />
      </div>
      <div className="field">
        <label htmlFor="f-account">Account</label>
        <select id="f-account" name="account" defaultValue={values.account ?? ""}>
          <option value="">Any account</option>
          {options.accounts.map((a) => (
            <option key={a.value} value={a.value}>{a.label}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-region">Region</label>
        <select id="f-region" name="region" defaultValue={values.region ?? ""}>
          <option value="">Any region</option>
          {options.regions.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </div>
      {text("source", "Event source", "dl-sources", "e.g. route53.amazonaws.com")}
      {text("name", "Event name", "dl-names", "e.g. UpdateTrafficPolicyInstance")}
      {text("actor", "Actor", "dl-actors", "user name, session or ARN")}
      {text("resourceType", "Resource type", "dl-resource-types", "e.g. AWS::EC2::Instance")}
      {text("resource", "Resource name or ARN")}
      <div className="field">
        <label htmlFor="f-readOnly">Access</label>
        <select id="f-readOnly" name="readOnly" defaultValue={values.readOnly ?? ""}>
          <option value="">Reads and writes</option>
          <option value="false">Writes only</option>
          <option value="true">Reads only</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kind">Stream</label>
        <select id="f-kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">CloudTrail and audit log</option>
          <option value="cloudtrail">CloudTrail only</option>
          <option value="audit">Flightdeck audit log only</option>
        </select>
      </div>
      <div className="field check">
        <label>
          <input type="checkbox" name="errors" value="true" defaultChecked={values.errors === "true"} /> Errors only
        </label>
      </div>
      <div className="actions">
        <button className="btn primary" type="submit">Apply filters</button>
        <Link className="btn" href="/history?range=7d">Reset</Link>
      </div>
      <Datalist id="dl-sources" values={options.sources} />
      <Datalist id="dl-names" values={options.names} />
      <Datalist id="dl-actors" values={options.actors} />
      <Datalist id="dl-resource-types" values={options.resourceTypes} />
    </form>
  );
}
