import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`added ${pod.metadata.name}`),
    // Your filter from lesson 8: a relist (and a resync) replays unchanged pods as same-version updates.
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  // TODO: before start, register a watch error handler (podInformer.setWatchErrorHandler) that logs
  // `watch error: <message>` with the error it is given.
  factory.start(stop);

  await cache.waitForCacheSync(stop, () => podInformer.hasSynced());
  // TODO: log this every second for the whole run (use sleep from the Playground argument).
  log(`rv=${podInformer.lastSyncResourceVersion()}`);
}
