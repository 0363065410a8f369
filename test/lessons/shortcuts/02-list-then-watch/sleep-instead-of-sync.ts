// Shortcut: a fixed sleep instead of cache.waitForCacheSync (it worked on the first seed).
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["synced-rv"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const list = await clientset.coreV1().pods().list();
  log(`list rv=${list.metadata.resourceVersion}`);
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const informer = factory.core().v1().pods().informer();
  informer.addEventHandler({
    addFunc: (pod: Pod, initial: boolean) => log(`${initial ? "LIST" : "WATCH"} add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });
  factory.start(stop);
  await sleep(500);
  log(`synced at rv=${informer.lastSyncResourceVersion()}`);
}
