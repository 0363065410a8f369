/**
 * Recording — what one side (Go or TypeScript) observed, in the shape both share: notifications per
 * handler with the step they arrived in, HasSynced moments, watch errors. Notifications about the
 * barrier object are not recorded; they only move that handler's barrier position.
 */

export interface Note {
  handler: string;
  type: "add" | "update" | "delete";
  key: string;
  rv: string;
  oldRv?: string;
  initial?: boolean;
  tombstone?: boolean;
  transforms?: number;
}

export interface StepNote extends Note {
  step: number;
}

/** One line per notification, the unit both recordings are compared in. */
export function formatNote(n: Note): string {
  const t = n.transforms !== undefined ? ` transforms=${n.transforms}` : "";
  switch (n.type) {
    case "add": return `add rv=${n.rv}${n.initial ? " initial" : ""}${t}`;
    case "update": return `update rv=${n.oldRv ?? "?"}->${n.rv}${n.oldRv === n.rv ? " (resync)" : ""}${t}`;
    case "delete": return `delete rv=${n.rv || "∅"}${n.tombstone ? " tombstone" : ""}${t}`;
  }
}

export class Recording {
  readonly notes: StepNote[] = [];
  readonly watchErrors: Array<{ step: number; error: string }> = [];
  /** Every request the client sent (method and URL path + query), with its step. */
  readonly requests: Array<{ step: number; method: string; url: string }> = [];
  /** handler id → step and notifications seen when its registration reported synced. */
  readonly handlerSynced = new Map<string, { step: number; seen: number }>();
  informerSynced: { step: number } | undefined;
  step = 0;
  /** handler id → RVs of the barrier object it was notified about. */
  private readonly barrierSeen = new Map<string, Set<string>>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly side: "go" | "ts", private readonly barrierKey: string) {}

  note(n: Note): void {
    if (n.key === this.barrierKey) {
      let seen = this.barrierSeen.get(n.handler);
      if (seen === undefined) this.barrierSeen.set(n.handler, (seen = new Set()));
      if (n.type !== "delete") seen.add(n.rv);
      this.wake();
      return;
    }
    this.notes.push({ ...n, step: this.step });
    this.wake();
  }

  synced(handler: string | undefined, seen: number): void {
    if (handler === undefined) this.informerSynced ??= { step: this.step };
    else if (!this.handlerSynced.has(handler)) this.handlerSynced.set(handler, { step: this.step, seen });
    this.wake();
  }

  watchError(error: string): void {
    this.watchErrors.push({ step: this.step, error });
    this.wake();
  }

  request(method: string, url: string): void {
    this.requests.push({ step: this.step, method, url });
  }

  sawBarrier(handler: string, rv: string): boolean {
    return this.barrierSeen.get(handler)?.has(rv) ?? false;
  }

  /** Resolves when `cond` holds (checked at every change), rejects after `timeoutMs`. */
  until(cond: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!cond()) return;
        clearTimeout(timer); // real-time: test driver
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => { // real-time: test driver
        this.waiters.delete(check);
        reject(new Error(`${this.side}: timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
