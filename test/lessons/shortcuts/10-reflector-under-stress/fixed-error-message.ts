// Shortcut: the watch error handler is registered, but it logs the message the learner saw on the base
// seed instead of the error it is given. On seeds where the network goes dark while a relist is waiting,
// the first error is "http2: client connection lost", not a dial timeout.
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
  podInformer.setWatchErrorHandler(() => log('watch error: failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=6": dial tcp 10.96.0.1:443: i/o timeout'));
  factory.start(stop);
  while (!stop.aborted) {
    log(`rv=${podInformer.lastSyncResourceVersion()}`);
    await sleep(1000);
  }
}
