/**
 * StepLine — which editor line the current step came from (issue 21 item 10), and when to show it.
 *
 * Contract:
 * - `lineOfStep(trace, step)`: the learner-source line of step `step` (1-based) when that event was
 *   produced by learner code: a handler call (`handler.called.src`: where the handler, or a filtering
 *   handler's predicate, is defined), a reconcile (`worker.reconcile.src`), a printed line
 *   (`runner.log.src`: the log(...) call), a request of the learner's clientset (`server.request.src`),
 *   or an error (`handler.threw.line`, `runner.error.line`).
 *   Any other step: undefined.
 * - `StepLine` marks that line in the editor as the learner steps, scrubs or clicks a log line, only while
 *   the editor holds the code that ran: `setRun(trace, sourceHash)` with the run's source hash
 *   (hashText of the compiled text), `edited(text)` on every change. After an edit the mark goes and
 *   `data-step-line-state="stale"` is set on the editor's container ("code changed since this run");
 *   undoing back to the text that ran brings it back. A run without positions marks nothing.
 */
import type { EditorFacade } from "../../editor/create-editor";
import type { KnownTraceEvent } from "../../../src/sim/index.js";
import { hashText } from "../../storage/hash";

export function lineOfStep(trace: readonly KnownTraceEvent[], step: number): number | undefined {
  const e = trace[step - 1];
  if (e === undefined) return undefined;
  switch (e.kind) {
    case "handler.called":
    case "worker.reconcile":
    case "runner.log":
    case "server.request":
      return e.src?.line;
    case "handler.threw":
    case "runner.error":
      return e.line;
    default:
      return undefined;
  }
}

export class StepLine {
  private trace: readonly KnownTraceEvent[] = [];
  private ranHash: string | undefined;
  private stale = false;
  private step = 0;

  constructor(private readonly editor: () => EditorFacade | undefined, private readonly container: HTMLElement) {}

  /** A new run is shown: its trace, and the hash of the source it was compiled from. */
  setRun(trace: readonly KnownTraceEvent[], sourceHash: string): void {
    this.trace = trace;
    this.ranHash = sourceHash;
    const text = this.editor()?.getText();
    this.setStale(text !== undefined && hashText(text) !== sourceHash);
  }

  /** The editor's text changed. */
  edited(text: string): void {
    if (this.ranHash === undefined) return;
    this.setStale(hashText(text) !== this.ranHash);
  }

  /** The shown step changed. */
  show(step: number): void {
    this.step = step;
    this.editor()?.markStepLine(this.stale ? undefined : lineOfStep(this.trace, step));
  }

  private setStale(stale: boolean): void {
    this.stale = stale;
    if (stale) this.container.dataset["stepLineState"] = "stale";
    else delete this.container.dataset["stepLineState"];
    this.show(this.step);
  }
}
