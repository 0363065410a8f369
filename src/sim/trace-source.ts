/**
 * Trace source positions — where in the learner's code a traced event comes from (issue 21 item 10).
 *
 * Contract: plain data carried as `src` by handler.called, worker.reconcile, runner.log and the learner's
 * server.request; the locator is how a runner that can map the learner module answers (src/ only calls it).
 */
/**
 * A position in the learner's TypeScript source as the learner sees it in the editor (1-based line and
 * column): where a handler / reconcile / predicate function is defined (`handler.called`,
 * `worker.reconcile`), or where `log(...)` was called (`runner.log`). Only a runner that can map the
 * learner module's positions (the browser worker, through the compiler's source map) sets it; a run
 * without a source locator (Node tests, the oracle) has none, and the same program always gets the same
 * positions, so traces stay deterministic.
 */
export interface SourcePosition {
  line: number;
  col: number;
}

/**
 * Where learner code is, for the runner that can tell (RunOptions.sourceLocator; src/ only calls it).
 * - `ofFunction(fn)`: where `fn` is defined, or undefined (not learner code, or not found). Called once
 *   when the function is handed over (registration), with the learner's call on the stack.
 * - `ofCaller()`: where the learner code that is calling the engine right now made its call (log's caller).
 * - `ofStack()`: the innermost learner frame on the stack right now (a clientset call's line), if any.
 */
export interface SourceLocator {
  ofFunction(fn: unknown): SourcePosition | undefined;
  ofCaller(): SourcePosition | undefined;
  ofStack?(): SourcePosition | undefined;
}
