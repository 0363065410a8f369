/**
 * Progress — which lessons the learner passed (every goal on every seed, with their own code: a run of
 * the shown solution never counts). Exported and imported as a small JSON file.
 */
import type { Store } from "./store";

export interface ProgressFile {
  app: "informer-playground";
  version: 1;
  exportedAt: string;
  passed: Record<string, { at: string }>;
}

export interface Progress {
  passed(): Record<string, { at: string }>;
  isPassed(lessonId: string): boolean;
  markPassed(lessonId: string): void;
  exportFile(): ProgressFile;
  /** Merges a file into the progress; returns the number of passed lessons after the merge. Throws on a bad file. */
  importFile(json: string): number;
  onChange(cb: () => void): void;
}

const KEY = "progress";

export function parseProgressFile(json: string): ProgressFile {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error("not JSON");
  }
  const d = data as Partial<ProgressFile> | null;
  if (d === null || typeof d !== "object" || d.app !== "informer-playground" || d.version !== 1 ||
      typeof d.passed !== "object" || d.passed === null) {
    throw new Error("not an Informer Playground progress file");
  }
  const passed: Record<string, { at: string }> = {};
  for (const [id, v] of Object.entries(d.passed)) {
    if (/^[\w-]+$/.test(id)) passed[id] = { at: typeof v?.at === "string" ? v.at : new Date(0).toISOString() };
  }
  return { app: "informer-playground", version: 1, exportedAt: String(d.exportedAt ?? ""), passed };
}

export function progress(store: Store): Progress {
  const listeners: Array<() => void> = [];
  const read = (): Record<string, { at: string }> => {
    const raw = store.get(KEY);
    if (raw === undefined) return {};
    try {
      const p = JSON.parse(raw) as { passed?: Record<string, { at: string }> };
      return p.passed ?? {};
    } catch {
      return {};
    }
  };
  const write = (passed: Record<string, { at: string }>) => {
    store.set(KEY, JSON.stringify({ passed }));
    for (const l of listeners) l();
  };
  return {
    passed: read,
    isPassed: (id) => id in read(),
    markPassed(id) {
      const p = read();
      if (id in p) return;
      p[id] = { at: new Date().toISOString() };
      write(p);
    },
    exportFile: () => ({ app: "informer-playground", version: 1, exportedAt: new Date().toISOString(), passed: read() }),
    importFile(json) {
      const file = parseProgressFile(json);
      const merged = { ...read(), ...file.passed };
      write(merged);
      return Object.keys(merged).length;
    },
    onChange(cb) {
      listeners.push(cb);
    },
  };
}
