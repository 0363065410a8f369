// Shortcut: wait for the informer but not for the handler's registration.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["registration-synced-first", "ready-line-true"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const seen = new Set<string>();
  pods.informer().addEventHandler({ addFunc: (pod: Pod) => seen.add(cache.metaNamespaceKeyFunc(pod)) });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => pods.informer().hasSynced()))) return;
  log(`ready: lister=${pods.lister().list().length} handler=${seen.size}`);
}
