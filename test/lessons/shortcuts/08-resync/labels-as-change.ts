// Shortcut: handler A treats "the labels changed" as "the object changed" instead of comparing
// resourceVersions. It passes while the only real change is a label; on the seeds where the pod is
// scheduled to a node instead (spec.nodeName, labels untouched) it misses a real change.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["skip-noop"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  const podInformer = factory.core().v1().pods().informer();
  const sameVersion = (a: Pod, b: Pod) => a.metadata.resourceVersion === b.metadata.resourceVersion;

  // Handler A: the informer's default period (10 s). Real changes only.
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (JSON.stringify(oldPod.metadata.labels ?? {}) === JSON.stringify(pod.metadata.labels ?? {})) return;
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
      if (sameVersion(oldPod, pod)) log(`resync ${++resyncs}`);
    },
  }, 500);

  factory.start(stop);
}
