// Shortcut (sweep 28): wait for the informer only, and dodge the slow first handler by registering a
// do-nothing handler first; the counting handler (second) is fast, so its adds are done by the time the
// informer has synced. The decoy's initial adds are still running when "ready:" is logged.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["registration-synced-first"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({ addFunc: () => {} });
  const seen = new Set<string>();
  pods.informer().addEventHandler({ addFunc: (pod: Pod) => { seen.add(cache.metaNamespaceKeyFunc(pod)); } });
  factory.start(stop);
  await cache.waitForCacheSync(stop, () => pods.informer().hasSynced());
  log(`ready: lister=${pods.lister().list().length} handler=${seen.size}`);
}
