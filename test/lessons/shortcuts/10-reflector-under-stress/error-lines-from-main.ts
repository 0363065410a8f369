// Shortcut: no watch error handler; `main` prints the expected "watch error:" lines at the times the
// base seed's dials time out (read off the stage), from its own loop.
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
  factory.start(stop);
  for (let second = 0; !stop.aborted; second++) {
    log(`rv=${podInformer.lastSyncResourceVersion()}`);
    if (second === 122 || second === 153) log('watch error: failed to list *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods?resourceVersion=6": dial tcp 10.96.0.1:443: i/o timeout');
    await sleep(1000);
  }
}
