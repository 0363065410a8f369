import { cache, type Pod, type Playground } from "playground";

export default async function main({ clientset, log, sleep }: Playground) {
  // The informer's cache, keyed like client-go's: a tombstone's key is its `key` field.
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  // The informer's DeltaFIFO: it knows what the cache holds, and a (re)list queues Replaced deltas.
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");

  // What the informer does with a pop: every delta, oldest first, into the cache.
  const process = (deltas: cache.Delta[]) => {
    for (const d of deltas) {
      if (d.type === "Deleted") {
        if (d.object instanceof cache.DeletedFinalStateUnknown) log(`tombstone ${d.object.key}`);
        store.delete(d.object as Pod); // the deletion-handling key function reads a tombstone's key
      } else {
        store.update(d.object as Pod); // Replaced, Sync, Added, Updated: the newest state wins
      }
    }
  };
  const drain = () => {
    while (fifo.pop(process) !== undefined) {
      // until the queue is empty
    }
  };
  const relist = async () => {
    const list = await pods.list();
    fifo.replace(list.items, list.metadata.resourceVersion ?? "");
  };

  await relist(); // the first LIST: every pod arrives as Replaced
  drain();

  await sleep(2000); // no watch: what happens meanwhile is only seen by the next LIST
  await relist(); // web-2 is gone from the list but still in the cache: a tombstone
  drain();

  fifo.resync(); // the cache, replayed as Sync deltas
  drain();
  log(`cache: ${store.listKeys().length} pods`);
}
