/** src/workqueue — public exports of this area, re-exported by src/index.ts. */
export { WorkQueue, describeItem, type QueueOptions } from "./work-queue.js";
export { DelayingQueue } from "./delaying-queue.js";
export {
  type RateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, BucketRateLimiter,
  MaxOfRateLimiter, WithMaxWaitRateLimiter, defaultControllerRateLimiter,
} from "./rate-limiter.js";
export { RateLimitingQueue } from "./rate-limiting-queue.js";
export { Controller, newController, type ControllerOptions, type ReconcileResult } from "./controller.js";
