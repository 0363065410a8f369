/** The learner's picks on a lesson's predict cards, kept per lesson in the app's Store (`predict:<lessonId>`). */
import type { Store } from "../storage/store";

export interface PredictAnswers {
  all(): Record<string, string>;
  set(id: string, value: string): void;
  forget(id: string): void;
}

export function predictAnswers(store: Store, lessonId: string): PredictAnswers {
  const key = `predict:${lessonId}`;
  const read = (): Record<string, string> => {
    const raw = store.get(key);
    if (raw === undefined) return {};
    try {
      const v = JSON.parse(raw) as unknown;
      if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
      return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === "string")) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    all: read,
    set(id, value) {
      store.set(key, JSON.stringify({ ...read(), [id]: value }));
    },
    forget(id) {
      const next = read();
      delete next[id];
      if (Object.keys(next).length === 0) store.remove(key);
      else store.set(key, JSON.stringify(next));
    },
  };
}

