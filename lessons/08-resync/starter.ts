import { cache, informers, type Pod, type Playground } from "playground";

// Your program from lesson 7 (tombstone-safe). This scenario's factory resyncs every 10 s.
export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  const podInformer = factory.core().v1().pods().informer();

  // Handler A
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    // TODO 1: a resync calls updateFunc with identical objects. Log `changed <name> rv=<RV>` for real changes only.
    updateFunc: (_oldPod: Pod, newPod: Pod) => log(`Pod updated: ${newPod.metadata.name}`),
    deleteFunc: (obj: unknown) => {
      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);
      log(`Pod deleted: ${key}${obj instanceof cache.DeletedFinalStateUnknown ? " (tombstone)" : ""}`);
    },
  });

  // TODO 2: handler B, registered with addEventHandlerWithResyncPeriod(..., 500),
  //         logging `resync <n>` for every same-version update.

  factory.start(stop);
}
