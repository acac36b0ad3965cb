import { promises as fs } from "node:fs";
import path from "node:path";
import { emptyState, stateSchema, type SandboxState } from "./state";

// Holds the sandbox state in memory and mirrors it to one JSON file. Writes are debounced
// (a burst of API calls costs one write) and atomic (temp file + fsync + rename), so a crash
// mid-write leaves the previous file intact rather than a truncated one.

const SAVE_DEBOUNCE_MS = 100;

export function stateFilePath(dataDir: string): string {
  return path.join(dataDir, "sandbox", "state.json");
}

export class SandboxStore {
  state: SandboxState;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    state: SandboxState,
    private readonly file: string | undefined,
    private readonly log: (line: string) => void,
  ) {
    this.state = state;
  }

  /** `file` undefined keeps everything in memory (tests, benchmarks). */
  static async open(file: string | undefined, log: (line: string) => void): Promise<SandboxStore> {
    if (!file) return new SandboxStore(emptyState(), undefined, log);
    return new SandboxStore(await readStateFile(file, log), file, log);
  }

  /** Call after every mutation; the write happens a little later. */
  changed(): void {
    if (!this.file) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, SAVE_DEBOUNCE_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // Chain writes so two flushes never race on the temp file.
    this.saving = this.saving.then(async () => {
      if (!this.file || !this.dirty) return;
      this.dirty = false;
      try {
        await writeAtomically(this.file, JSON.stringify(this.state));
      } catch (error) {
        this.dirty = true;
        this.log(`sandbox: could not save state: ${(error as Error).message}`);
      }
    });
    return this.saving;
  }

  /** Forgets every AWS resource. Demo clusters survive: they are local infrastructure, not AWS state. */
  reset(): void {
    this.state = emptyState(this.state.clusters);
    this.changed();
  }

  nextSeq(): number {
    this.state.seq += 1;
    return this.state.seq;
  }
}

export async function readStateFile(file: string, log: (line: string) => void): Promise<SandboxState> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  const parsed = stateSchema.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  // Keep the unreadable file for inspection instead of silently overwriting it.
  const aside = `${file}.corrupt-${Date.now()}`;
  await fs.rename(file, aside);
  log(`sandbox: state file was unreadable, moved to ${aside}; starting empty`);
  return emptyState();
}

export async function writeAtomically(file: string, contents: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temp, "w");
  try {
    await handle.writeFile(contents, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
