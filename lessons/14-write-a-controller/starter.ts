import { cache, informers, workqueue, type Playground, type ReplicaSet } from "playground";

// Your controller from lesson 13, pointed at ReplicaSets: the same factory, workqueue controller,
// enqueue and waitForCacheSync. You write the two parts that make it a ReplicaSet controller.
export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const rsInformer = factory.apps().v1().replicaSets();
  const podLister = podInformer.lister();
  const rsLister = rsInformer.lister();

  const controller = workqueue.newController({
    workers: 2,
    maxRetries: 15,
    reconcile: async (key: string) => {
      const [namespace, name] = cache.splitMetaNamespaceKey(key);
      // TODO 2: reconcile this ReplicaSet from the listers (level-triggered):
      //   - read it with rsLister (NotFound: it is gone, nothing to do);
      //   - count its live pods: podLister, its selector, no metadata.deletionTimestamp;
      //   - too few: create `<name>-<n>` pods from its template; too many: delete the extras;
      //   - write status.replicas when it differs, from a copy that keeps the resourceVersion;
      //     on a 409 Conflict throw, so the workqueue retries with backoff.
      log(`reconcile ${namespace}/${name}: not written yet (${podLister.list().length} pods, ${rsLister.list().length} ReplicaSets cached)`);
      void clientset;
    },
  });

  const enqueue = (obj: unknown) => controller.queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  rsInformer.informer().addEventHandler({
    addFunc: (rs: ReplicaSet) => enqueue(rs),
    updateFunc: (_old: ReplicaSet, rs: ReplicaSet) => enqueue(rs),
    deleteFunc: (obj: unknown) => enqueue(obj),
  });

  // TODO 1: a pod event concerns every ReplicaSet whose selector matches the pod's labels.
  //   Register a handler on podInformer.informer() that enqueues the key of each such ReplicaSet
  //   (an update: for the old pod and the new one; a delete: unwrap a cache.DeletedFinalStateUnknown).

  factory.start(stop);
  const synced = await cache.waitForCacheSync(stop,
    () => podInformer.informer().hasSynced(), () => rsInformer.informer().hasSynced());
  if (!synced) return;
  controller.run(stop);
}
