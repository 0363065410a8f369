/**
 * vary — per-seed scenario variants for lessons (Scenario.variants, src/scenario/scenario.ts).
 *
 * Contract: `withVariants(base, extraSeeds, make)` returns the base scenario with `variants` filled for
 * seeds base.seed + 1 … base.seed + extraSeeds, each made by `make(rng, seed, i)` from a small seeded
 * generator. The base seed keeps the base scenario (what the lesson's prose, predict cards and stage
 * describe); the other seeds change names, counts, label values, order and delays, so a program that
 * prints constants passes at most the first seed. Pure and deterministic: same seed, same variant.
 */
import type { Scenario, ScenarioVariant } from "../../src/index.js";

/** A tiny deterministic generator (mulberry32) with the helpers scenarios need. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let a = (seed * 0x9e3779b1) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** App names the variants draw pod names from (`<app>-<n>`). */
export const APPS = ["web", "api", "cart", "shop", "auth", "mail", "feed", "search"] as const;

export function withVariants(base: Scenario, extraSeeds: number,
                             make: (r: Rng, seed: number, i: number) => ScenarioVariant): Scenario {
  const variants: Record<number, ScenarioVariant> = {};
  for (let i = 1; i <= extraSeeds; i++) {
    const seed = base.seed + i;
    variants[seed] = make(rng(seed * 7919 + i), seed, i);
  }
  return { ...base, variants };
}

/** `count` distinct pod names `<app>-<n>`, drawn from APPS (the same app may repeat with another n). */
export function podNames(r: Rng, count: number, apps: readonly string[] = APPS): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(`${r.pick(apps)}-${r.int(1, 9)}`);
  return [...out];
}

/**
 * The base scenario's pods under other names: each app prefix (`web` in `web-1`) becomes another app
 * from APPS, consistently across `initial` and `timeline` (object names, op names, `app` labels).
 */
export function renamePods(base: Pick<Scenario, "initial" | "timeline">, r: Rng): Required<Pick<ScenarioVariant, "initial" | "timeline">> {
  const prefixes = new Map<string, string>();
  const free = r.shuffle(APPS);
  const rename = (name: string): string => {
    const m = /^(.*?)(-\d+)$/.exec(name);
    if (m === null) return name;
    const prefix = m[1]!;
    if (!prefixes.has(prefix)) prefixes.set(prefix, free.find((a) => a !== prefix && ![...prefixes.values()].includes(a)) ?? `${prefix}x`);
    return prefixes.get(prefix)! + m[2]!;
  };
  const fix = <T>(value: T): T => {
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const meta = copy["metadata"] as { name?: string; labels?: Record<string, string> } | undefined;
    if (meta?.name !== undefined) meta.name = rename(meta.name);
    if (meta?.labels?.["app"] !== undefined) meta.labels["app"] = rename(`${meta.labels["app"]}-0`).replace(/-0$/, "");
    return copy as T;
  };
  return {
    initial: base.initial.map((i) => ({ resource: i.resource, object: i.resource === "pods" ? fix(i.object) : i.object })),
    timeline: base.timeline.map((op) => {
      if ("object" in op && op.resource === "pods") return { ...op, object: fix(op.object) };
      if ((op.op === "delete" || op.op === "label") && op.resource === "pods") return { ...op, name: rename(op.name) };
      return op;
    }),
  };
}
