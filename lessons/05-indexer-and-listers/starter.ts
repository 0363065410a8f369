import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      // Remember that we have seen this pod. (Is this object ours to change?)
      pod.metadata.labels = { ...pod.metadata.labels, seen: "true" };
    },
  });

  // TODO 1: add an index named "byNode" (values: [pod.spec.nodeName]) before starting.

  factory.start(stop);
  await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced());

  while (!stop.aborted) {
    // TODO 2: this asks the API server every 2 seconds. Read the informer's cache instead.
    const pods = (await clientset.coreV1().pods().list()).items;
    for (const node of ["node-a", "node-b"]) {
      const names = pods.filter((p) => p.spec?.nodeName === node).map((p) => p.metadata.name).sort();
      log(`${node}: ${names.join(",")}`);
    }
    // TODO 3: log `team-a: <n> pods` with podInformer.lister().pods("team-a").list()
    await sleep(2000);
  }
}
