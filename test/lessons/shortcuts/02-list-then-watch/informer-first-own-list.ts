// Shortcut: start the informer first, then LIST by hand and log that one resourceVersion twice, as the
// list's and as the informer's synced one (never calling lastSyncResourceVersion()).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["synced-rv"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) =>
      log(`${isInInitialList ? "LIST" : "WATCH"} add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });
  factory.start(stop);
  const list = await clientset.coreV1().pods().list();
  log(`list rv=${list.metadata.resourceVersion}`);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.hasSynced()))) return;
  log(`synced at rv=${list.metadata.resourceVersion}`);
}
