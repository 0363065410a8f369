import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  // In-order FIFO (default since 1.33) and streaming initial list (default since 1.35).
  const factory = informers.newSharedInformerFactory(clientset, 0, { fifo: "real", watchList: true });
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`update ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => {
      const tombstone = obj instanceof cache.DeletedFinalStateUnknown;
      log(`delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}${tombstone ? " (tombstone)" : ""}`);
    },
  });

  factory.start(stop);
}
