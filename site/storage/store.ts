/**
 * Store — the app's only door to localStorage. Every key is prefixed `ip:v1:` (the version lets a later
 * schema migrate). Access never throws: when storage is missing or blocked (privacy mode, disabled
 * cookies) or full, the store keeps working in memory for this tab and reports the problem once through
 * `onProblem`, so the shell can show an `error` of kind "storage".
 */
export type StorageProblem = "unavailable" | "quota";

export interface Store {
  /** false when the browser refused localStorage (values then live only in memory). */
  readonly persistent: boolean;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
  onProblem(cb: (problem: StorageProblem) => void): void;
}

export const PREFIX = "ip:v1:";

/** The backing storage, and whether it is already full (it works, but nothing more fits). */
function probe(getBacking: () => Storage | undefined): { backing?: Storage; full: boolean } {
  let s: Storage | undefined;
  try {
    s = getBacking() ?? undefined;
    if (s === undefined || s === null) return { full: false };
    const k = `${PREFIX}probe`;
    s.setItem(k, "1");
    s.removeItem(k);
    return { backing: s, full: false };
  } catch (e) {
    // Full is not blocked: reads still work, and freeing space (the storage panel) makes writes work again.
    const quota = e instanceof DOMException && (e.name === "QuotaExceededError" || e.code === 22);
    return quota && s !== undefined ? { backing: s, full: true } : { full: false };
  }
}

export function openStore(getBacking: () => Storage | undefined = () => globalThis.localStorage): Store {
  const probed = probe(getBacking);
  const backing = probed.backing;
  const memory = new Map<string, string>();
  const listeners: Array<(p: StorageProblem) => void> = [];
  let reported: StorageProblem | undefined = backing === undefined ? "unavailable" : probed.full ? "quota" : undefined;
  const report = (p: StorageProblem) => {
    reported = p;
    for (const l of listeners) l(p);
  };
  return {
    persistent: backing !== undefined,
    get(key) {
      if (memory.has(key)) return memory.get(key);
      if (backing === undefined) return undefined;
      try {
        return backing.getItem(PREFIX + key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      if (backing === undefined) {
        memory.set(key, value);
        return;
      }
      try {
        backing.setItem(PREFIX + key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
        report("quota");
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        backing?.removeItem(PREFIX + key);
      } catch {
        /* nothing to do: the value is gone from memory */
      }
    },
    keys() {
      const out = new Set(memory.keys());
      if (backing !== undefined) {
        try {
          for (let i = 0; i < backing.length; i++) {
            const k = backing.key(i);
            if (k !== null && k.startsWith(PREFIX)) out.add(k.slice(PREFIX.length));
          }
        } catch {
          /* ignore */
        }
      }
      return [...out];
    },
    onProblem(cb) {
      listeners.push(cb);
      if (reported !== undefined) cb(reported);
    },
  };
}
