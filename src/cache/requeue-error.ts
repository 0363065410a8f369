/**
 * RequeueError — the classic way a consumer puts popped deltas back (client-go ≤ 1.32 `ErrRequeue` in
 * tools/cache fifo.go, honoured by DeltaFIFO.Pop; removed from client-go 1.33, kept for teaching).
 *
 * Contract: a DeltaFIFO pop `process` function that throws a RequeueError has its deltas re-queued at
 * the tail (unless the key has fresher queued deltas); `pop` then throws `inner` if given, else
 * returns normally.
 */
export class RequeueError extends Error {
  readonly inner: unknown;

  constructor(inner?: unknown) {
    super(inner === undefined ? "requeue" : `requeue: ${inner instanceof Error ? inner.message : String(inner)}`);
    this.name = "RequeueError";
    this.inner = inner;
  }
}
