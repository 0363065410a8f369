// Shortcut: the handler logs the error itself (`${err}`), which prints "Error: failed to list …": the
// goal asks for the message the handler is given, as Go's %v prints it.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["watch-error-handler"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => log(`added ${pod.metadata.name} initial=${isInInitialList}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  podInformer.setWatchErrorHandler((err: Error) => log(`watch error: ${String(err)}`));
  factory.start(stop);
  while (!stop.aborted) {
    log(`rv=${podInformer.lastSyncResourceVersion()}`);
    await sleep(1000);
  }
}
