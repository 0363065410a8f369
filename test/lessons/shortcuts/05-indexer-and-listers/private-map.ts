// Shortcut (noted in session 27): call byIndex and the lister only for show, and print from a private
// map the handlers keep. Without lag it prints the same lines; it must fail once the handler is behind.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["by-node-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const mine = new Map<string, { node: string; ns: string; name: string }>();
  const remember = (pod: Pod) =>
    mine.set(cache.metaNamespaceKeyFunc(pod), { node: pod.spec?.nodeName ?? "", ns: pod.metadata.namespace ?? "", name: pod.metadata.name });
  pods.informer().addEventHandler({
    addFunc: remember,
    updateFunc: (_old: Pod, pod: Pod) => remember(pod),
    deleteFunc: (obj: unknown) => { mine.delete(cache.deletionHandlingMetaNamespaceKeyFunc(obj)); },
  });
  pods.informer().addIndexers({ byNode: (obj: unknown) => ((obj as Pod).spec?.nodeName ? [(obj as Pod).spec!.nodeName!] : []) });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
  const indexer = pods.informer().getIndexer();
  while (!stop.aborted) {
    for (const node of ["node-a", "node-b"]) {
      indexer.byIndex("byNode", node);   // for show
      log(`${node}: ${[...mine.values()].filter((p) => p.node === node).map((p) => p.name).sort().join(",")}`);
    }
    pods.lister().pods("team-a").list();   // for show
    log(`team-a: ${[...mine.values()].filter((p) => p.ns === "team-a").length} pods`);
    await sleep(2000);
  }
}
