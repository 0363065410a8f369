// Shortcut: resync straight after the relist, before draining it (every key is still queued, so the
// resync is skipped for all of them), then drain once.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["resync-replays-cache"];

export default async function main({ clientset, log, sleep }: Playground) {
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");
  const process = (deltas: cache.Delta[]) => {
    for (const d of deltas) {
      if (d.type === "Deleted") {
        if (d.object instanceof cache.DeletedFinalStateUnknown) log(`tombstone ${d.object.key}`);
        store.delete(d.object as Pod);
      } else {
        store.update(d.object as Pod);
      }
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
  fifo.resync();
  drain();
}
