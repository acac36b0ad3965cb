"use client";

import { useEffect, useState } from "react";

// Polls a JSON endpoint for live pages: the next request starts only after the last one
// finished (a slow server is never flooded), and a hidden tab stops polling.

export type LiveJson<T> = { data: T; error: string | null };

export function useLiveJson<T>(url: string, everyMs: number, initial: T): LiveJson<T> {
  const [state, setState] = useState<LiveJson<T>>({ data: initial, error: null });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll(): Promise<void> {
      if (!document.hidden) {
        try {
          const response = await fetch(url, { cache: "no-store", signal: controller.signal });
          if (response.status === 401) throw new Error("You were signed out: reload the page to sign in again.");
          if (!response.ok) throw new Error(`Live updates failed (HTTP ${response.status}); retrying.`);
          const data = (await response.json()) as T;
          setState({ data, error: null });
        } catch (error) {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, error: error instanceof Error ? error.message : "Live updates failed; retrying." }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void poll(), everyMs);
    }
    timer = setTimeout(() => void poll(), everyMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [url, everyMs]);
  return state;
}
