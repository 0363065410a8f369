// Shortcut: handler B logs `resync <n>` for every update, real changes included (no resourceVersion
// comparison), so the count is not a count of resync replays.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["resync-count"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  const podInformer = factory.core().v1().pods().informer();
  const sameVersion = (a: Pod, b: Pod) => a.metadata.resourceVersion === b.metadata.resourceVersion;

  // Handler A: the informer's default period (10 s). Real changes only.
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (sameVersion(oldPod, pod)) return; // resync replay: nothing changed
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => {
      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);
      log(`Pod deleted: ${key}${obj instanceof cache.DeletedFinalStateUnknown ? " (tombstone)" : ""}`);
    },
  });

  // Handler B: asks for 500 ms before the start ⇒ raised to 1 s; the check period drops to 1 s.
  let resyncs = 0;
  podInformer.addEventHandlerWithResyncPeriod({
    updateFunc: (oldPod: Pod, pod: Pod) => {
      void oldPod; void pod; log(`resync ${++resyncs}`);
    },
  }, 500);

  factory.start(stop);
}
