import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => log(`added ${pod.metadata.name} initial=${isInInitialList}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return; // a relist replay
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  // Called only when a ListAndWatch fails (a LIST that failed, a watch that could not start): not when
  // an open watch ends, not for a refused connection (retried in place). Set it before start.
  podInformer.setWatchErrorHandler((err: Error) => log(`watch error: ${err.message}`));
  factory.start(stop);

  // The Reflector's last resourceVersion: follows the watch, freezes in the partition, jumps at the relist.
  while (!stop.aborted) {
    log(`rv=${podInformer.lastSyncResourceVersion()}`);
    await sleep(1000);
  }
}
