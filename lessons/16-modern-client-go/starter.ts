import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  // Classic defaults: DeltaFIFO, LIST then WATCH. TODO 1: switch to the 1.35+ defaults.
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`update ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    // TODO 2: a deleteFunc that logs `delete <namespace>/<name>`, and `delete <namespace>/<name> (tombstone)`
    // when it receives a cache.DeletedFinalStateUnknown.
  });

  factory.start(stop);
}
