/**
 * GoSide — the Go recorder (test/oracle/recorder) as a child process: flags from the scenario, gates
 * as KUBE_FEATURE_* variables, its JSON lines fed into a Recording, commands over stdin.
 *
 * Contract: `start()` spawns it; `command()` resolves with the acknowledgement (rejects on an error
 * ack); `stop()` asks it to stop, waits for its exit (killing it by pid after 10 s) and resolves.
 * stderr (client-go's klog) is kept for diagnostics. A "fatal" line or an early exit rejects every
 * pending wait with the recorder's own words.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { Recording, type Note } from "./recording.js";
import type { HandlerSpec, InformerSpec, Mode } from "./scenario.js";

export interface GoState {
  items: Record<string, string>;
  indexes: Record<string, Record<string, string[]>>;
  lastSyncResourceVersion: string;
  hasSynced: boolean;
}

interface GoLine extends Partial<Note> {
  kind: string;
  informer?: boolean;
  seen?: number;
  error?: string;
  id?: string;
  state?: GoState;
  gates?: Record<string, boolean>;
  method?: string;
  url?: string;
}

export function gatesFor(mode: Mode): Record<string, boolean> {
  return {
    InOrderInformers: mode.fifo !== "delta",
    AtomicFIFO: mode.fifo === "realAtomic",
    InOrderInformersBatchProcess: mode.batch === true,
    WatchListClient: mode.watchList === true,
  };
}

const ms = (n: number): string => `${n}ms`;

export function recorderArgs(kubeconfig: string, spec: InformerSpec): string[] {
  const args = ["-kubeconfig", kubeconfig, "-resource", spec.resource ?? "pods", "-resync", ms(spec.resyncMs ?? 0)];
  if (spec.namespace) args.push("-namespace", spec.namespace);
  if (spec.labelSelector) args.push("-label-selector", spec.labelSelector);
  if (spec.fieldSelector) args.push("-field-selector", spec.fieldSelector);
  if (spec.transform) args.push("-transform", spec.transform);
  for (const i of spec.indexers ?? []) args.push("-indexer", i);
  for (const h of spec.handlers) {
    args.push("-handler", h.resyncMs !== undefined ? `${h.id}:${ms(h.resyncMs)}` : h.id);
    if (h.throwOn) args.push("-panic-on", `${h.id}=${h.throwOn}`);
  }
  return args;
}

export class GoSide {
  readonly recording: Recording;
  readonly stderr: string[] = [];
  gates: Record<string, boolean> = {};
  private child: ChildProcessWithoutNullStreams | undefined;
  private nextId = 1;
  private readonly acks = new Map<string, { resolve: (l: GoLine) => void; reject: (e: Error) => void }>();
  private exited: Promise<number | null> | undefined;
  private failure: string | undefined;

  constructor(private readonly bin: string, private readonly args: string[], private readonly mode: Mode, barrierKey: string) {
    this.recording = new Recording("go", barrierKey);
  }

  start(): void {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [gate, on] of Object.entries(gatesFor(this.mode))) env[`KUBE_FEATURE_${gate}`] = String(on);
    const child = spawn(this.bin, this.args, { env, stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    this.exited = new Promise((resolve) => child.on("exit", (code) => {
      if (code !== 0 && this.failure === undefined) this.fail(`recorder exited with ${code}`);
      resolve(code);
    }));
    createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (this.stderr.length < 2000) this.stderr.push(line);
    });
  }

  private onLine(text: string): void {
    let l: GoLine;
    try {
      l = JSON.parse(text) as GoLine;
    } catch {
      this.fail(`recorder wrote a line that is not JSON: ${text}`);
      return;
    }
    const r = this.recording;
    switch (l.kind) {
      case "gates": this.gates = l.gates ?? {}; break;
      case "notify": {
        const n: Note = { handler: l.handler!, type: l.type!, key: l.key!, rv: l.rv ?? "" };
        if (l.oldRv !== undefined) n.oldRv = l.oldRv;
        if (l.type === "add") n.initial = l.initial === true;
        if (l.type === "delete") n.tombstone = l.tombstone === true;
        if (l.transforms !== undefined) n.transforms = l.transforms;
        r.note(n);
        break;
      }
      case "synced": r.synced(l.informer ? undefined : l.handler, l.seen ?? 0); break;
      case "watchError": r.watchError(l.error ?? ""); break;
      case "request": r.request(l.method ?? "", l.url ?? ""); break;
      case "ack": {
        const waiter = this.acks.get(l.id ?? "");
        this.acks.delete(l.id ?? "");
        if (l.error) waiter?.reject(new Error(`recorder: ${l.error}`));
        else waiter?.resolve(l);
        break;
      }
      case "fatal": case "error": this.fail(`recorder ${l.kind}: ${l.error}`); break;
    }
  }

  private fail(message: string): void {
    this.failure ??= message;
    for (const w of this.acks.values()) w.reject(new Error(message));
    this.acks.clear();
  }

  /** Why the recorder failed, if it did. */
  failed(): string | undefined {
    return this.failure;
  }

  private command(cmd: Record<string, string>): Promise<GoLine> {
    if (this.failure !== undefined) return Promise.reject(new Error(this.failure));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.acks.set(id, { resolve, reject });
      this.child!.stdin.write(`${JSON.stringify({ ...cmd, id })}\n`);
    });
  }

  async addHandler(h: HandlerSpec): Promise<void> {
    await this.command({ cmd: "addHandler", handler: h.id, ...(h.resyncMs !== undefined ? { resync: ms(h.resyncMs) } : {}),
      ...(h.throwOn ? { panicOn: h.throwOn } : {}) });
  }

  async removeHandler(id: string): Promise<void> {
    await this.command({ cmd: "removeHandler", handler: id });
  }

  async state(): Promise<GoState> {
    return (await this.command({ cmd: "state" })).state!;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || this.exited === undefined) return;
    if (child.exitCode === null) {
      child.stdin.end(`${JSON.stringify({ cmd: "stop", id: "stop" })}\n`);
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000); // real-time: test driver
      await this.exited;
      clearTimeout(timer);
    }
  }
}
