// Shortcut: the handlers keep their own map of the latest pods, and reconcile reads that map instead of
// the lister. The lines come out right, but the worker never reads the informer's cache.
import { cache, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["level-triggered"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const latest = new Map<string, Pod>();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      const pod = latest.get(key);
      if (pod === undefined) {
        log(`gone ${key}`);
        return;
      }
      log(`reconcile ${key} version=${pod.metadata.labels?.["version"] ?? "?"}`);
      await sleep(300);
    },
  });
  const key = (obj: unknown) => cache.deletionHandlingMetaNamespaceKeyFunc(obj);
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => { latest.set(key(pod), pod); controller.queue.add(key(pod)); },
    updateFunc: (_old: Pod, pod: Pod) => { latest.set(key(pod), pod); controller.queue.add(key(pod)); },
    deleteFunc: (obj: unknown) => { latest.delete(key(obj)); controller.queue.add(key(obj)); },
  });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
