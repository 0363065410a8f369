// Shortcut (sweep 28): fix the keys, and wrap the blind cast in try/catch so a tombstone no longer throws;
// what it deletes is simply skipped.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["your-view-converges"];

export default function main({ clientset, stop, log }: Playground) {
  const pods = new Set<string>();
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { pods.add(cache.metaNamespaceKeyFunc(pod)); log(`pods=${pods.size}`); },
    updateFunc: (_old: Pod, pod: Pod) => { pods.add(cache.metaNamespaceKeyFunc(pod)); log(`pods=${pods.size}`); },
    deleteFunc: (obj: unknown) => {
      try { pods.delete(cache.metaNamespaceKeyFunc(obj as Pod)); } catch { /* a tombstone: ignore */ }
      log(`pods=${pods.size}`);
    },
  });
  factory.start(stop);
}
