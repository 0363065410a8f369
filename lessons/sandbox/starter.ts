import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) =>
      log(`add ${cache.metaNamespaceKeyFunc(pod)}${isInInitialList ? " (initial list)" : ""}`),
    updateFunc: (oldPod: Pod, pod: Pod) =>
      log(oldPod.metadata.resourceVersion === pod.metadata.resourceVersion
        ? `resync ${cache.metaNamespaceKeyFunc(pod)}`
        : `update ${cache.metaNamespaceKeyFunc(pod)} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) =>
      log(`delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}${obj instanceof cache.DeletedFinalStateUnknown ? " (tombstone)" : ""}`),
  });

  factory.start(stop);
}
