// Shortcut: fill the FIFO, then print the pops the predict cards revealed instead of popping.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["pop-log", "drain"];

const pod = (name: string, rv: string): Pod => ({ metadata: { name, namespace: "default", resourceVersion: rv } });

export default function main({ log }: Playground) {
  const fifo = cache.newDeltaFIFO({ name: "lesson-04" });
  fifo.add(pod("web-1", "10"));
  fifo.add(pod("web-2", "11"));
  fifo.update(pod("web-1", "12"));
  log("pop default/web-1: Added@10 Updated@12 Updated@15");
  log("pop default/web-2: Added@11 Deleted@13 Added@17 Deleted@18");
  log("pop default/db-1: Added@14");
  log("pop default/web-1: Updated@19");
  log("empty");
}
