// Shortcut: the solution's shape, but the tombstone line is the one the lesson's table names (web-2),
// printed once after the relist instead of while popping the tombstone.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["tombstone-logged"];

export default async function main({ clientset, log, sleep }: Playground) {
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");
  const process = (deltas: cache.Delta[]) => {
    for (const d of deltas) {
      if (d.type === "Deleted") store.delete(d.object as Pod);
      else store.update(d.object as Pod);
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
  log("tombstone default/web-2");
  drain();
  fifo.resync();
  drain();
}
