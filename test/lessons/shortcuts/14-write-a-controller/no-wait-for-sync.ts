// Shortcut (sweep 28): start the workers right after factory.start, without waitForCacheSync: the first
// reconciles read half-filled listers.
import { cache, errors, informers, labels, workqueue, type Pod, type Playground, type ReplicaSet } from "playground";

export const caughtBy = ["sync-before-work"];

/** "app=web" from the ReplicaSet's matchLabels. */
const selectorOf = (rs: ReplicaSet) =>
  Object.entries(rs.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");

/** Failures a key may have before it is dropped: rides out the conflict storms of this scenario. */
const MAX_RETRIES = 15;

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
    let rs: ReplicaSet;
    try {
      rs = rsLister.byNamespace(namespace).get(name) as ReplicaSet;
    } catch (err) {
      if (errors.isNotFound(err)) return; // deleted: nothing to do (no garbage collection here)
      throw err;
    }

    // What is: live pods matching the selector, from the cache.
    const live = podLister.pods(namespace).list(selectorOf(rs)).filter((p) => !p.metadata.deletionTimestamp);
    const want = rs.spec?.replicas ?? 1;

    // Too few: create with the smallest free names (a retry before the cache caught up gets AlreadyExists).
    const taken = new Set(podLister.pods(namespace).list().map((p) => p.metadata.name));
    for (let have = live.length, n = 1; have < want; have++) {
      while (taken.has(`${name}-${n}`)) n++;
      const podName = `${name}-${n}`;
      taken.add(podName);
      await clientset.coreV1().pods(namespace).create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { namespace, name: podName, labels: { ...rs.spec?.template?.metadata?.labels } },
        spec: { containers: rs.spec?.template?.spec?.containers ?? [] },
      });
      log(`created ${namespace}/${podName}`);
    }

    // Too many: delete deterministically (by name), so a repeated reconcile picks the same pods.
    const extras = [...live].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).slice(want);
    for (const pod of extras) {
      try {
        await clientset.coreV1().pods(namespace).delete(pod.metadata.name);
        log(`deleted ${namespace}/${pod.metadata.name}`);
      } catch (err) {
        if (!errors.isNotFound(err)) throw err;
      }
    }

    // Report what we observed. A copy: never mutate the cached object.
    if (rs.status?.replicas !== live.length) {
      try {
        await clientset.appsV1().replicaSets(namespace).updateStatus({ ...rs, status: { ...rs.status, replicas: live.length } });
      } catch (err) {
        if (errors.isConflict(err)) log(`conflict ${key}: retrying from a fresher cache`);
        throw err; // rate-limited retry
      }
    }
  };

  /** One worker: client-go's processNextWorkItem in a loop, until the queue shuts down and is drained. */
  const runWorker = async (worker: number): Promise<void> => {
    for (;;) {
      const [key, shutdown] = await get(worker);
      if (shutdown || key === undefined) return;
      try {
        await reconcile(key);
        queue.forget(key); // success: clear the key's failure history, its next failure waits 5 ms again
      } catch (err) {
        if (queue.numRequeues(key) < MAX_RETRIES) {
          queue.addRateLimited(key); // back into the queue after the limiter's delay
        } else {
          queue.forget(key);
          log(`dropping ${key} after ${MAX_RETRIES} retries: ${String(err)}`);
        }
      } finally {
        queue.done(key); // always: the key leaves "processing", and comes back if it was re-added meanwhile
      }
    }
  };

  const enqueue = (obj: unknown) => queue.add(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
  rsInformer.informer().addEventHandler({
    addFunc: (rs: ReplicaSet) => enqueue(rs),
    updateFunc: (_old: ReplicaSet, rs: ReplicaSet) => enqueue(rs),
    deleteFunc: (obj: unknown) => enqueue(obj),
  });

  // A pod event concerns every ReplicaSet whose selector matches the pod.
  const enqueueOwners = (obj: unknown) => {
    const pod = (obj instanceof cache.DeletedFinalStateUnknown ? obj.obj : obj) as Pod | undefined;
    if (!pod?.metadata) return;
    for (const rs of rsLister.byNamespace(pod.metadata.namespace ?? "").list() as ReplicaSet[]) {
      if (labels.matches(pod.metadata.labels ?? {}, selectorOf(rs))) enqueue(rs);
    }
  };
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => enqueueOwners(pod),
    updateFunc: (old: Pod, pod: Pod) => {
      enqueueOwners(old);
      enqueueOwners(pod);
    },
    deleteFunc: (obj: unknown) => enqueueOwners(obj),
  });

  factory.start(stop);
  stop.addEventListener("abort", () => queue.shutDown(), { once: true });
  for (let worker = 0; worker < 2; worker++) void runWorker(worker);
}
