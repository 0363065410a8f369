import { cache, informers, workqueue, type Playground, type ReplicaSet } from "playground";

/** Failures a key may have before it is dropped: rides out the conflict storms of this scenario. */
const MAX_RETRIES = 15;

// Your controller from lesson 13, pointed at ReplicaSets, with `workqueue.newController` taken apart: the
// queue it made for you and the workers it ran are yours now. You write three parts: the worker loop, the
// pod-to-ReplicaSet mapping and the reconcile.
export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  const rsInformer = factory.apps().v1().replicaSets();
  const podLister = podInformer.lister();
  const rsLister = rsInformer.lister();
  const queue = workqueue.newRateLimitingQueue<string>(workqueue.defaultControllerRateLimiter(), { name: "replicasets" });

  /** Go's `queue.Get()` blocks until a key is ready or the queue shuts down; here a worker awaits that moment. */
  const get = async (worker: number): Promise<[string | undefined, boolean]> => {
    for (;;) {
      const got = queue.get(worker);
      if (got[0] !== undefined || got[1]) return got;
      await new Promise<void>((resolve) => queue.onReady(resolve));
    }
  };

  const reconcile = async (key: string): Promise<void> => {
    const [namespace, name] = cache.splitMetaNamespaceKey(key);
    // TODO 3: reconcile this ReplicaSet from the listers (level-triggered):
    //   - read it with rsLister (NotFound: it is gone, nothing to do);
    //   - count its live pods: podLister, its selector, no metadata.deletionTimestamp;
    //   - too few: create `<name>-<n>` pods from its template; too many: delete the extras;
    //   - write status.replicas when it differs, from a copy that keeps the resourceVersion;
    //     on a 409 Conflict throw, so your worker requeues the key with rate limiting.
    log(`reconcile ${namespace}/${name}: not written yet (${podLister.list().length} pods, ${rsLister.list().length} ReplicaSets cached)`);
    void clientset;
  };

  /** One worker: what newController ran for you (client-go's processNextWorkItem, in a loop). */
  const runWorker = async (worker: number): Promise<void> => {
    for (;;) {
      const [key, shutdown] = await get(worker);
      if (shutdown || key === undefined) return;
      // TODO 1: process `key`: await reconcile(key); on success queue.forget(key); if it throws,
      //   queue.addRateLimited(key) (after MAX_RETRIES failures: queue.forget(key) and log it instead);
      //   in every case queue.done(key), or the key stays "processing" for ever.
    }
  };

  const enqueue = (obj: unknown) => queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  rsInformer.informer().addEventHandler({
    addFunc: (rs: ReplicaSet) => enqueue(rs),
    updateFunc: (_old: ReplicaSet, rs: ReplicaSet) => enqueue(rs),
    deleteFunc: (obj: unknown) => enqueue(obj),
  });

  // TODO 2: a pod event concerns every ReplicaSet whose selector matches the pod's labels.
  //   Register a handler on podInformer.informer() that enqueues the key of each such ReplicaSet
  //   (an update: for the old pod and the new one; a delete: unwrap a cache.DeletedFinalStateUnknown).

  factory.start(stop);
  const synced = await cache.waitForCacheSync(stop,
    () => podInformer.informer().hasSynced(), () => rsInformer.informer().hasSynced());
  if (!synced) return;
  stop.addEventListener("abort", () => queue.shutDown(), { once: true });
  for (let worker = 0; worker < 2; worker++) void runWorker(worker);
}
