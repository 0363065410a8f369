// Shortcut: a tombstone-safe deleteFunc, but the view keyed by name (default/web-1 and shop/web-1 collide).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["your-view-converges"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = new Set<string>();
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { pods.add(pod.metadata.name); log(`pods=${pods.size}`); },
    deleteFunc: (obj: unknown) => {
      pods.delete(cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]);
      log(`pods=${pods.size}`);
    },
  });
  factory.start(stop);
}
