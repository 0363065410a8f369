import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log }: Playground) {
  // A plain LIST: no resourceVersion, so the API server answers with a consistent read.
  const list = await clientset.coreV1().pods().list();
  log(`list rv=${list.metadata.resourceVersion}`);
  for (const pod of list.items) log(`  item ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);

  // The informer does LIST (resourceVersion "0") then WATCH (from the list's resourceVersion).
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) =>
      log(`${isInInitialList ? "LIST" : "WATCH"} add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`WATCH update ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => log(`WATCH delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);

  if (!(await cache.waitForCacheSync(stop, () => podInformer.hasSynced()))) return;
  log(`synced at rv=${podInformer.lastSyncResourceVersion()}`);
}
