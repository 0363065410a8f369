// Shortcut: treat only deleteFunc as "going away" (ignores deletionTimestamp and the recreated uid).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["terminating", "serving", "recreated"];

export default function main({ clientset, stop, log }: Playground) {
  const serving = new Set<string>();
  const show = () => log(`serving: ${[...serving].sort().join(",")}`);
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { serving.add(pod.metadata.name); show(); },
    updateFunc: (_old: Pod, pod: Pod) => { serving.add(pod.metadata.name); show(); },
    deleteFunc: (obj: unknown) => {
      serving.delete(cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]);
      show();
    },
  });
  factory.start(stop);
}
