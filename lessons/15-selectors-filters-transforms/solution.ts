import { cache, informers, type Pod, type Playground } from "playground";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Drops what no reader of this cache needs. Idempotent; leaves anything without metadata alone. */
function slim(obj: unknown): unknown {
  const pod = obj as Pod;
  if (!pod?.metadata) return obj;
  const { managedFields: _managedFields, ...metadata } = pod.metadata;
  const annotations = { ...metadata.annotations };
  delete annotations[LAST_APPLIED];
  return { ...pod, metadata: { ...metadata, annotations } };
}

export default function main({ clientset, stop, log }: Playground) {
  // 1. The server filters: list and watch only frontend pods.
  const factory = informers.newSharedInformerFactory(clientset, 0, {
    tweakListOptions: (options) => {
      options.labelSelector = "tier=frontend";
    },
  });
  const podInformer = factory.core().v1().pods();

  // 3. Keep less of each object (before start).
  podInformer.informer().setTransform(slim);

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
