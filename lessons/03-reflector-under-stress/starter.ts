import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`added ${pod.metadata.name}`),
    // TODO: a relist replays unchanged pods as updates. Log only real changes.
    updateFunc: (_old: Pod, pod: Pod) => log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);

  await cache.waitForCacheSync(stop, () => podInformer.hasSynced());
  // TODO: log this every second for the whole run (use sleep from the Playground argument).
  log(`rv=${podInformer.lastSyncResourceVersion()}`);
}
