// Shortcut (sweep 28): drain the DeltaFIFO but log only each key's newest delta (what a store would keep),
// not the whole list a pop hands over.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["pop-log"];

const pod = (name: string, rv: string): Pod => ({ metadata: { name, namespace: "default", resourceVersion: rv } });

export default function main({ log }: Playground) {
  const fifo = cache.newDeltaFIFO({ name: "lesson-04" });
  fifo.add(pod("web-1", "10"));
  fifo.add(pod("web-2", "11"));
  fifo.update(pod("web-1", "12"));
  fifo.delete(pod("web-2", "13"));
  fifo.delete(pod("web-2", "13"));
  fifo.add(pod("db-1", "14"));
  fifo.update(pod("web-1", "15"));
  fifo.delete(pod("ghost", "16"));
  fifo.add(pod("web-2", "17"));
  fifo.delete(pod("web-2", "18"));
  const logNewest = (deltas: cache.Delta[]) => {
    const d = deltas[deltas.length - 1]!;
    log(`pop ${cache.metaNamespaceKeyFunc(d.object)}: ${d.type}@${(d.object as Pod).metadata.resourceVersion}`);
  };
  fifo.pop(logNewest);
  fifo.update(pod("web-1", "19"));
  while (fifo.pop(logNewest) !== undefined) { /* drain */ }
  log("empty");
}
