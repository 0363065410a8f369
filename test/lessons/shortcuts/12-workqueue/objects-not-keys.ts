// Shortcut: skip the queue and reconcile right in the handler, from the object the handler got.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["keys-not-objects", "dedup", "re-add-while-processing"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`reconcile default/${pod.metadata.name} version=${pod.metadata.labels?.["version"]}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`reconcile default/${pod.metadata.name} version=${pod.metadata.labels?.["version"]}`),
    deleteFunc: (obj: unknown) => log(`gone ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);
}
