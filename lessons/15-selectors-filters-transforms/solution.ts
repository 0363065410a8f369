import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  // 1. The server filters: list and watch only frontend pods.
  const factory = informers.newSharedInformerFactory(clientset, 0, {
    tweakListOptions: (options) => {
      options.labelSelector = "tier=frontend";
    },
  });
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name}`),
    deleteFunc: (obj: unknown) => log(`out: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`),
  });

  // 2. Filter notifications: gaining the label arrives here as an add, losing it as a delete.
  //    A delete may carry a tombstone: look at its last known state, or the delete is filtered out.
  const monitored = (obj: unknown) => {
    const pod = (obj instanceof cache.DeletedFinalStateUnknown ? obj.obj : obj) as Pod | undefined;
    return pod?.metadata?.labels?.["monitor"] === "true";
  };
  podInformer.informer().addEventHandler(
    new cache.FilteringResourceEventHandler(monitored, {
      addFunc: (pod: Pod) => log(`monitor: ${pod.metadata.name}`),
      deleteFunc: (obj: unknown) => log(`unmonitor: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`),
    }),
  );

  factory.start(stop);
}
