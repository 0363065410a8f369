// Shortcut: remember the resourceVersion of the last object a handler saw and print that as `rv=`;
// lastSyncResourceVersion() is never asked.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["rv-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  let rv = "";
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => {
      rv = pod.metadata.resourceVersion ?? rv;
      log(`added ${pod.metadata.name} initial=${isInInitialList}`);
    },
    updateFunc: (oldPod: Pod, pod: Pod) => {
      rv = pod.metadata.resourceVersion ?? rv;
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  podInformer.setWatchErrorHandler((err: Error) => log(`watch error: ${err.message}`)); // the handler is right
  factory.start(stop);
  while (!stop.aborted) {
    log(`rv=${rv}`);
    await sleep(1000);
  }
}
