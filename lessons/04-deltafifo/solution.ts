import { cache, type Pod, type Playground } from "playground";

const pod = (name: string, rv: string): Pod => ({ metadata: { name, namespace: "default", resourceVersion: rv } });

export default function main({ log }: Playground) {
  const fifo = cache.newDeltaFIFO({ name: "lesson-04" });

  fifo.add(pod("web-1", "10"));      // 1
  fifo.add(pod("web-2", "11"));      // 2
  fifo.update(pod("web-1", "12"));   // 3
  fifo.delete(pod("web-2", "13"));   // 4
  fifo.delete(pod("web-2", "13"));   // 5: adjacent to 4, collapses
  fifo.add(pod("db-1", "14"));       // 6
  fifo.update(pod("web-1", "15"));   // 7
  fifo.delete(pod("ghost", "16"));   // 8: never queued, dropped
  fifo.add(pod("web-2", "17"));      // 9
  fifo.delete(pod("web-2", "18"));   // 10

  // A pop hands over every delta of one key, oldest first.
  const logPop = (deltas: cache.Delta[]) => {
    const key = cache.metaNamespaceKeyFunc(deltas[deltas.length - 1]!.object);
    const parts = deltas.map((d) => `${d.type}@${(d.object as Pod).metadata.resourceVersion}`);
    log(`pop ${key}: ${parts.join(" ")}`);
  };

  fifo.pop(logPop);                  // web-1: Added@10 Updated@12 Updated@15
  fifo.update(pod("web-1", "19"));   // 11: web-1 was popped, so it joins the back

  while (fifo.pop(logPop) !== undefined) {
    // web-2, db-1, then web-1
  }
  log("empty");
}
