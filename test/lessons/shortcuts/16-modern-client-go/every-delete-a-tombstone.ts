// Shortcut (sweep 28): the modern options, and every delete logged as a tombstone (no instanceof check).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["handler-sees-order"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0, { fifo: "real", watchList: true });
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`update ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => log(`delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)} (tombstone)`),
  });
  factory.start(stop);
}
