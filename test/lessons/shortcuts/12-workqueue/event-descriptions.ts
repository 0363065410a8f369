// Shortcut: the first try of many — enqueue a description of each event ("web-1@2") and trust it in
// reconcile. Nothing dedups, and two workers push two versions of one pod at once.
import { cache, informers, workqueue, type Pod, type Playground } from "playground";

export const caughtBy = ["keys-not-objects", "dedup", "re-add-while-processing"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  const controller = workqueue.newController({
    workers: 2,
    // The item describes the event: "name@version" or "name@deleted".
    reconcile: async (item: string) => {
      const [name, version] = item.split("@");
      if (version === "deleted") {
        log(`gone default/${name}`);
        return;
      }
      log(`reconcile default/${name} version=${version}`);
      await sleep(300); // push to a slow external system
    },
  });

  const describe = (pod: Pod) => `${pod.metadata.name}@${pod.metadata.labels?.["version"] ?? "?"}`;
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => controller.queue.add(describe(pod)),
    updateFunc: (_old: Pod, pod: Pod) => controller.queue.add(describe(pod)),
    deleteFunc: (obj: unknown) => controller.queue.add(`${(obj as Pod).metadata.name}@deleted`),
  });

  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced()))) return;
  controller.run(stop);
}
