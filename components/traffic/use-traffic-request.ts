"use client";

import { useCallback, useRef, useState } from "react";

// Sends a publish or rollback to the REST API (which answers once Route 53 says Applied)
// and, while it waits, polls the service for the running operation's step, so the
// operator sees each stage live: version created, record Updating, Applied.

export type TrafficRequest = {
  state: "idle" | "running" | "done" | "error";
  steps: string[];
  message: string | null;
  send(url: string, body: unknown): Promise<boolean>;
};

type ServiceState = { service?: { operation?: { step: string } | null } };
type Answer = { version?: { version: number | null; state: string }; activeVersion?: number | null; error?: { message?: string } };

export function useTrafficRequest(slug: string): TrafficRequest {
  const [state, setState] = useState<TrafficRequest["state"]>("idle");
  const [steps, setSteps] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const polling = useRef(false);

  const poll = useCallback(async () => {
    while (polling.current) {
      try {
        const response = await fetch(`/api/v1/services/${slug}`, { cache: "no-store" });
        const step = response.ok ? ((await response.json()) as ServiceState).service?.operation?.step : undefined;
        if (step) setSteps((previous) => (previous.at(-1) === step ? previous : [...previous, step]));
      } catch {
        // Progress is a courtesy; the request itself reports the outcome.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, [slug]);

  const send = useCallback(
    async (url: string, body: unknown): Promise<boolean> => {
      setState("running");
      setSteps(["Sent to Flightdeck"]);
      setMessage(null);
      polling.current = true;
      void poll();
      try {
        const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        const answer = (await response.json().catch(() => ({}))) as Answer;
        if (!response.ok) {
          setState("error");
          setMessage(answer.error?.message ?? `Request failed (HTTP ${response.status}).`);
          return false;
        }
        setSteps((previous) => [...previous, "Applied"]);
        setState("done");
        setMessage(`Applied — v${answer.activeVersion ?? answer.version?.version ?? "?"} is live.`);
        return true;
      } catch {
        setState("error");
        setMessage("The connection to Flightdeck dropped; reload to see whether the change went through.");
        return false;
      } finally {
        polling.current = false;
      }
    },
    [poll],
  );

  return { state, steps, message, send };
}
