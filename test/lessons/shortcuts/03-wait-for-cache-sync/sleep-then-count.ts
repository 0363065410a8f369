// Shortcut: sleep long enough on the first seed, then count for real.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["registration-synced-first", "ready-line-true"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const seen = new Set<string>();
  pods.informer().addEventHandler({ addFunc: (pod: Pod) => seen.add(cache.metaNamespaceKeyFunc(pod)) });
  factory.start(stop);
  await sleep(1500);
  log(`ready: lister=${pods.lister().list().length} handler=${seen.size}`);
}
