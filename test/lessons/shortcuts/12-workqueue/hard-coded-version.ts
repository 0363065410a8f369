// Shortcut (from the review): print `version=4` and `gone` from the handlers; the lister is never read.
import { cache, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["level-triggered"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const controller = workqueue.newController({
    workers: 2,
    reconcile: async (key: string) => {
      log(`reconcile ${key} version=${key === "default/web-1" ? "4" : "2"}`);
      await sleep(300);
    },
  });
  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  pods.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueue(pod),
    updateFunc: (_old: Pod, pod: Pod) => enqueue(pod),
    deleteFunc: (obj: unknown) => log(`gone ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => pods.informer().hasSynced()))) return;
  controller.run(stop);
}
