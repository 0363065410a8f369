// Shortcut (sweep 28): the right queries, but no waitForCacheSync: the first lines are read from an empty
// cache (in a controller: "nothing exists", and it starts creating what is already there).
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["by-node-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addIndexers({ byNode: (obj: unknown) => ((obj as Pod).spec?.nodeName ? [(obj as Pod).spec!.nodeName!] : []) });
  factory.start(stop);
  const indexer = pods.informer().getIndexer();
  while (!stop.aborted) {
    for (const node of ["node-a", "node-b"]) log(`${node}: ${indexer.byIndex("byNode", node).map((p) => p.metadata.name).sort().join(",")}`);
    log(`team-a: ${pods.lister().pods("team-a").list().length} pods`);
    await sleep(2000);
  }
}
