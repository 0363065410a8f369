import { cache, type Pod, type Playground } from "playground";

const pod = (name: string, rv: string): Pod => ({ metadata: { name, namespace: "default", resourceVersion: rv } });

export default function main({ log }: Playground) {
  const fifo = cache.newDeltaFIFO({ name: "lesson-04" });

  fifo.add(pod("web-1", "10"));      // 1
  fifo.add(pod("web-2", "11"));      // 2
  fifo.update(pod("web-1", "12"));   // 3
  fifo.delete(pod("web-2", "13"));   // 4
  fifo.delete(pod("web-2", "13"));   // 5
  fifo.add(pod("db-1", "14"));       // 6
  fifo.update(pod("web-1", "15"));   // 7
  fifo.delete(pod("ghost", "16"));   // 8
  fifo.add(pod("web-2", "17"));      // 9
  fifo.delete(pod("web-2", "18"));   // 10

  fifo.pop((deltas) => {
    // TODO: a pop hands over ALL of the key's deltas. Log them all: "pop <key>: Type@rv Type@rv ..."
    const first = deltas[0]!;
    log(`pop ${cache.metaNamespaceKeyFunc(first.object)}: ${first.type}@${(first.object as Pod).metadata.resourceVersion}`);
  });

  // TODO: call 11, update(web-1@19); then pop until pop() returns undefined, and log "empty".
}
