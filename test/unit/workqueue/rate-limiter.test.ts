import { describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/sim/scheduler.js";
import {
  BucketRateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, MaxOfRateLimiter,
  WithMaxWaitRateLimiter, defaultControllerRateLimiter, type RateLimiter,
} from "../../../src/workqueue/index.js";

function calls<T>(l: RateLimiter<T>, item: T, n: number): number[] {
  return Array.from({ length: n }, () => l.when(item));
}

describe("rate limiters — spec §12.F", () => {
  it("110 TestItemExponentialFailureRateLimiter", () => {
    const l = new ItemExponentialFailureRateLimiter<string>(1, 1000);
    expect(calls(l, "one", 5)).toEqual([1, 2, 4, 8, 16]);
    expect(l.numRequeues("one")).toBe(5);
    expect(calls(l, "two", 2)).toEqual([1, 2]);
    expect(l.numRequeues("two")).toBe(2);
    l.forget("one");
    expect(l.numRequeues("one")).toBe(0);
    expect(l.when("one")).toBe(1);
  });

  it("111 TestItemExponentialFailureRateLimiterOverFlow", () => {
    const l = new ItemExponentialFailureRateLimiter<string>(1, 1_000_000);
    calls(l, "one", 5);
    expect(l.when("one")).toBe(32);
    calls(l, "overflow", 1000);
    expect(l.when("overflow")).toBe(1_000_000);

    const minute = 60_000;
    const hour = 60 * minute;
    const l2 = new ItemExponentialFailureRateLimiter<string>(minute, 1000 * hour);
    calls(l2, "one", 2);
    expect(l2.when("one")).toBe(4 * minute);
    calls(l2, "overflow", 1000);
    expect(l2.when("overflow")).toBe(1000 * hour);
  });

  it("112 TestItemFastSlowRateLimiter", () => {
    const l = new ItemFastSlowRateLimiter<string>(5, 10_000, 3);
    expect(calls(l, "one", 5)).toEqual([5, 5, 5, 10_000, 10_000]);
    expect(l.numRequeues("one")).toBe(5);
    expect(calls(l, "two", 2)).toEqual([5, 5]);
    expect(l.numRequeues("two")).toBe(2);
    l.forget("one");
    expect(l.numRequeues("one")).toBe(0);
    expect(l.when("one")).toBe(5);
  });

  it("113 TestMaxOfRateLimiter", () => {
    const l = new MaxOfRateLimiter<string>(
      new ItemFastSlowRateLimiter<string>(5, 3000, 3),
      new ItemExponentialFailureRateLimiter<string>(1, 1000),
    );
    expect(calls(l, "one", 5)).toEqual([5, 5, 5, 3000, 3000]);
    expect(l.numRequeues("one")).toBe(5);
    expect(calls(l, "two", 2)).toEqual([5, 5]);
    expect(l.numRequeues("two")).toBe(2);
    l.forget("one");
    expect(l.numRequeues("one")).toBe(0);
    expect(l.when("one")).toBe(5);
  });

  it("114 TestWithMaxWaitRateLimiter", () => {
    const inner = new ItemFastSlowRateLimiter<string>(5, 1_000_000, 100);
    const l = new WithMaxWaitRateLimiter<string>(inner, 500_000);
    const delays = calls(l, "one", 200);
    expect(delays.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(delays.slice(100).every((d) => d === 500_000)).toBe(true);
    expect(l.numRequeues("one")).toBe(200);
  });

  it("120 default controller limiter: burst of 100 distinct items, then 1/10 s; one item doubles to the cap", () => {
    const s = new Scheduler();
    const l = defaultControllerRateLimiter<string>(s);
    const first = Array.from({ length: 100 }, (_, i) => l.when(`item-${i}`));
    expect(first.every((d) => d === 5)).toBe(true);
    expect(l.when("item-100")).toBe(100);
    expect(l.when("item-101")).toBe(200);

    const s2 = new Scheduler();
    const l2 = defaultControllerRateLimiter<string>(s2);
    const one = calls(l2, "one", 20);
    expect(one.slice(0, 18)).toEqual(Array.from({ length: 18 }, (_, i) => 5 * 2 ** i));
    expect(one[17]).toBe(655_360);
    expect(one[18]).toBe(1_000_000);
    expect(one[19]).toBe(1_000_000);
  });
});

describe("BucketRateLimiter — details", () => {
  it("refills at qps on virtual time and never above burst", () => {
    const s = new Scheduler();
    const b = new BucketRateLimiter<string>(10, 2, s);
    expect([b.when("a"), b.when("b"), b.when("c"), b.when("d")]).toEqual([0, 0, 100, 200]);
    s.advance(300); // pays back the 2 borrowed tokens and refills 1
    expect(b.when("e")).toBe(0);
    expect(b.when("f")).toBe(100);
    s.advance(10_000);
    expect(b.available()).toBe(2);
    expect(b.numRequeues("a")).toBe(0);
  });

  it("rejects a burst below one", () => {
    expect(() => new BucketRateLimiter<string>(10, 0, new Scheduler())).toThrow(RangeError);
  });
});
