import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    updateFunc: (_oldPod: Pod, newPod: Pod) => log(`Pod updated: ${newPod.metadata.name}`),
    deleteFunc: (obj: unknown) => {
      // The key is right for both shapes: a Pod, or a DeletedFinalStateUnknown tombstone.
      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);
      if (obj instanceof cache.DeletedFinalStateUnknown) {
        log(`Pod deleted: ${key} (tombstone)`);
        const last = obj.obj as Pod | undefined; // the last state we knew: may be stale or missing
        if (last !== undefined) log(`  last known rv=${last.metadata.resourceVersion}`);
        return;
      }
      log(`Pod deleted: ${key}`);
    },
  });
  factory.start(stop);
}
