// Shortcut: do all the calls (two LISTs, replace, resync, drain) but never put anything into the cache:
// the pops are only printed, and the tombstone line is guessed by diffing the two lists by hand.
import { cache, type Pod, type Playground } from "playground";

export const caughtBy = ["relist-tombstone", "resync-replays-cache"];

export default async function main({ clientset, log, sleep }: Playground) {
  const store = cache.newIndexer<Pod>(cache.deletionHandlingMetaNamespaceKeyFunc, {});
  const fifo = cache.newDeltaFIFO({ name: "informer-fifo", knownObjects: store, emitDeltaTypeReplaced: true });
  const pods = clientset.coreV1().pods("default");
  const drain = () => {
    while (fifo.pop((deltas) => log(`pop ${deltas.length}`)) !== undefined) { /* empty */ }
  };
  const first = await pods.list();
  fifo.replace(first.items, first.metadata.resourceVersion ?? "");
  drain();
  await sleep(2000);
  const second = await pods.list();
  fifo.replace(second.items, second.metadata.resourceVersion ?? "");
  drain();
  const now = new Set(second.items.map((p) => p.metadata.name));
  for (const p of first.items) if (!now.has(p.metadata.name)) log(`tombstone default/${p.metadata.name}`);
  fifo.resync();
  drain();
}
