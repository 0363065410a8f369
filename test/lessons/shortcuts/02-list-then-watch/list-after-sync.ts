// Shortcut: wait for the sync, then LIST by hand and log that list's resourceVersion as both lines:
// "the cache is synced, so a fresh list says where it is" (it says where the API server is instead).
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
  if (!(await cache.waitForCacheSync(stop, () => podInformer.hasSynced()))) return;
  const list = await clientset.coreV1().pods().list();
  log(`list rv=${list.metadata.resourceVersion}`);
  log(`synced at rv=${list.metadata.resourceVersion}`);
}
