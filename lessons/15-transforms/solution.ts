import { cache, informers, type Pod, type Playground } from "playground";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Drops what no reader of this cache needs. Returns a copy (objects from the server are frozen here),
 *  is idempotent, and leaves anything that is not an object with metadata alone. */
function slim(obj: unknown): unknown {
  const pod = obj as Pod;
  if (!pod?.metadata) return obj;
  const { managedFields: _managedFields, ...metadata } = pod.metadata;
  const annotations = { ...metadata.annotations };
  delete annotations[LAST_APPLIED];
  return { ...pod, metadata: { ...metadata, annotations } };
}

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // Before start: every object is transformed once, in the FIFO, before the cache and the handlers see it.
  podInformer.informer().setTransform(slim);

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`),
    deleteFunc: (obj: unknown) => {
      // A tombstone holds the last state the cache had: already transformed, never transformed again.
      const pod = (obj instanceof cache.DeletedFinalStateUnknown ? obj.obj : obj) as Pod;
      log(`out: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`);
    },
  });

  factory.start(stop);
}
