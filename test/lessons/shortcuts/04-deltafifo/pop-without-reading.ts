// Shortcut: pop once with a no-op, then print one remembered line per pop.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["pop-log", "back-of-line"];

const pod = (name: string, rv: string): Pod => ({ metadata: { name, namespace: "default", resourceVersion: rv } });

export default function main({ log }: Playground) {
  const fifo = cache.newDeltaFIFO({ name: "lesson-04" });
  fifo.add(pod("web-1", "10"));
  fifo.add(pod("db-1", "14"));
  while (fifo.pop(() => undefined) !== undefined) log("pop default/web-1: Added@10");
  log("empty");
}
