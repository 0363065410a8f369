// Shortcut: write the deleteFunc but keep the classic defaults.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["streaming-list", "in-order-fifo", "handler-sees-order"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    updateFunc: (_old: Pod, pod: Pod) => log(`update ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => {
      const tombstone = obj instanceof cache.DeletedFinalStateUnknown;
      log(`delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}${tombstone ? " (tombstone)" : ""}`);
    },
  });
  factory.start(stop);
}
