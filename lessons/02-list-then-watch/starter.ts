import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  // TODO 1: list pods with clientset.coreV1().pods().list() and log `list rv=<RV>`.

  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    // TODO 2: use the second argument, isInInitialList, and the pod's resourceVersion.
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
  });
  factory.start(stop);

  // TODO 3: wait for the cache to sync, then log `synced at rv=<lastSyncResourceVersion()>`.
}
