// Shortcut: call a pod "LIST" when its name was in the program's own LIST, instead of asking
// isInInitialList. A name is not an identity: a pod created later under a listed name is a WATCH add.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["initial-vs-watch"];

export default async function main({ clientset, stop, log }: Playground) {
  const list = await clientset.coreV1().pods().list();
  log(`list rv=${list.metadata.resourceVersion}`);
  const listed = new Set(list.items.map((p) => p.metadata.name));
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`${listed.has(pod.metadata.name) ? "LIST" : "WATCH"} add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.hasSynced()))) return;
  log(`synced at rv=${podInformer.lastSyncResourceVersion()}`);
}
