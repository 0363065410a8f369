// Shortcut: store a pod only the first time its key is seen (store.add when absent), ignore deletes.
// The relist still finds web-2 in the cache, but resync replays a stale web-1 and the deleted pod.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["resync-replays-cache"];

export default async function main({ clientset, log, sleep }: Playground) {
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");
  const process = (deltas: cache.Delta[]) => {
    for (const d of deltas) {
      if (d.object instanceof cache.DeletedFinalStateUnknown) log(`tombstone ${d.object.key}`);
      else if (store.get(d.object as Pod) === undefined) store.add(d.object as Pod);
    }
  };
  const drain = () => {
    while (fifo.pop(process) !== undefined) { /* empty */ }
  };
  const relist = async () => {
    const list = await pods.list();
    fifo.replace(list.items, list.metadata.resourceVersion ?? "");
  };
  await relist();
  drain();
  await sleep(2000);
  await relist();
  drain();
  fifo.resync();
  drain();
}
