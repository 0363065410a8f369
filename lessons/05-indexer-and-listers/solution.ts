import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // Our own state lives in our own Set: the cached pods are shared (and frozen).
  const seen = new Set<string>();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => seen.add(cache.metaNamespaceKeyFunc(pod)),
  });

  podInformer.informer().addIndexers({
    byNode: (obj: unknown) => {
      const pod = obj as Pod;
      return pod.spec?.nodeName ? [pod.spec.nodeName] : [];
    },
  });

  factory.start(stop);
  await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced());

  const indexer = podInformer.informer().getIndexer();
  while (!stop.aborted) {
    for (const node of ["node-a", "node-b"]) {
      const names = indexer.byIndex("byNode", node).map((p) => p.metadata.name).sort();
      log(`${node}: ${names.join(",")}`);
    }
    log(`team-a: ${podInformer.lister().pods("team-a").list().length} pods`);
    await sleep(2000);
  }
}
