// Shortcut (sweep 28): everything right, but the watch error handler is set after factory.start (the
// order the task warns about).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["watch-error-handler"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, initial: boolean) => log(`added ${pod.metadata.name} initial=${initial}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion !== pod.metadata.resourceVersion) log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  factory.start(stop);
  try {
    podInformer.setWatchErrorHandler((err: Error) => log(`watch error: ${err.message}`));
  } catch { /* too late? carry on */ }
  while (!stop.aborted) {
    log(`rv=${podInformer.lastSyncResourceVersion()}`);
    await sleep(1000);
  }
}
