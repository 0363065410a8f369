// Shortcut: list the lister (so a read shows in the trace) but log the version from the handlers' own
// up-to-date copy, and call a pod "gone" when the copy is missing, whatever the lister said.
import { cache, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["level-triggered"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const lister = podInformer.lister();
  const seen = new Map<string, Pod>();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      lister.list();
      const pod = seen.get(key);
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
    addFunc: (pod: Pod) => { seen.set(key(pod), pod); controller.queue.add(key(pod)); },
    updateFunc: (_old: Pod, pod: Pod) => { seen.set(key(pod), pod); controller.queue.add(key(pod)); },
    deleteFunc: (obj: unknown) => { seen.delete(key(obj)); controller.queue.add(key(obj)); },
  });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
