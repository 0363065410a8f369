// Shortcut: the handlers are right, but `rv=` is the newest resourceVersion among the pods in the lister
// (a learner's guess at "the informer's RV"), not `lastSyncResourceVersion()`.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["rv-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  const podInformer = pods.informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => log(`added ${pod.metadata.name} initial=${isInInitialList}`),
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
    deleteFunc: (obj: unknown) => log(`deleted ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  podInformer.setWatchErrorHandler((err: Error) => log(`watch error: ${err.message}`)); // the handler is right
  factory.start(stop);
  while (!stop.aborted) {
    const rvs = pods.lister().list().map((p) => Number(p.metadata.resourceVersion ?? 0));
    log(`rv=${rvs.length === 0 ? "" : Math.max(...rvs)}`);
    await sleep(1000);
  }
}
