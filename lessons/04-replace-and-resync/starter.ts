import { cache, type Pod, type Playground } from "playground";

export default async function main({ clientset, log, sleep }: Playground) {
  // The informer's cache, keyed like client-go's: a tombstone's key is its `key` field.
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  // The informer's DeltaFIFO: it knows what the cache holds, and a (re)list queues Replaced deltas.
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");

  const process = (deltas: cache.Delta[]) => {
    // TODO 1: this only prints. Apply every delta to the store, oldest first, as the informer does:
    //         Deleted → store.delete(...), anything else → store.update(...).
    //         For a tombstone (a cache.DeletedFinalStateUnknown), also log "tombstone <key>".
    for (const d of deltas) log(`${d.type} ${cache.deletionHandlingMetaNamespaceKeyFunc(d.object)}`);
  };
  const drain = () => {
    while (fifo.pop(process) !== undefined) {
      // until the queue is empty
    }
  };

  const list = await pods.list();
  fifo.replace(list.items, list.metadata.resourceVersion ?? "");
  drain();

  // TODO 2: wait 2 s (sleep), LIST again and replace; drain.
  // TODO 3: then resync and drain once more.
  void sleep;
}
