/**
 * What a finished run says in the error banner: a run the page stopped (wall clock, events, output), the
 * engine's own event budget, a runtime error of the learner's module, or the first handler that threw.
 * Banners with a line reveal it in the editor when clicked, and banners with a step seek the stage there.
 */
import type { RunResult } from "../../../src/scenario/index.js";
import type { TraceEvent } from "../../../src/sim/index.js";
import type { Translate } from "../../i18n/index";
import type { StopReason } from "../../machines/lesson-types";
import type { ErrorBanner } from "../error-banner";

export function showRunErrors(errors: ErrorBanner, t: Translate, result: RunResult, stopped: StopReason | undefined,
                              revealLine: (line: number) => void, seek: (step: number) => void = () => undefined): void {
  errors.clear("timeout");
  errors.clear("runtime");
  const reveal = (line: number | undefined, step?: number) => (line !== undefined || step !== undefined
    ? () => {
      if (step !== undefined) seek(step);
      if (line !== undefined) revealLine(line);
    }
    : undefined);
  const where = (line: number | undefined) => (line !== undefined ? t("error.runtime.line", { line }) : "");
  if (stopped !== undefined) {
    errors.show("timeout", stopped === "timeout" ? t("error.timeout", { steps: result.trace.length })
      : stopped === "outputLimit" ? t("error.outputLimit", { steps: result.trace.length }) : t("error.eventLimit"));
  } else if (result.error?.kind === "eventLimit") {
    // runScenario's own budget: 100,000 trace events (the wall-clock budget is the page's kill above).
    errors.show("timeout", t("error.eventLimit"));
  } else if (result.error !== undefined) {
    const err = result.error;
    errors.show(err.kind === "compile" ? "compile" : "runtime", t("error.runtime", { where: where(err.line), message: err.message }), reveal(err.line, err.step));
  } else {
    const threw = result.trace.find((ev) => ev.kind === "handler.threw") as (TraceEvent & { message?: string; line?: number }) | undefined;
    if (threw !== undefined) {
      errors.show("runtime", t("error.runtime", { where: where(threw.line), message: `${String(threw.message ?? "")} (${t("log.step", { step: threw.seq })})` }), reveal(threw.line, threw.seq));
    }
  }
}
