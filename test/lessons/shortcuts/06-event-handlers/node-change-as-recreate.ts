// Shortcut (sweep 28): "recreated" when the pod moved to another node (the run's recreated pod always
// did), instead of comparing metadata.uid.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["recreated"];

export default function main({ clientset, stop, log }: Playground) {
  const serving = new Set<string>();
  const show = () => log(`serving: ${[...serving].sort().join(",")}`);
  const going = (pod: Pod) => pod.metadata.deletionTimestamp != null;
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { if (!going(pod)) serving.add(pod.metadata.name); show(); },
    updateFunc: (oldPod: Pod, newPod: Pod) => {
      const name = newPod.metadata.name;
      if (oldPod.spec?.nodeName !== newPod.spec?.nodeName) log(`recreated ${name}`);
      if (going(newPod)) { if (!going(oldPod)) log(`terminating ${name}`); serving.delete(name); } else serving.add(name);
      show();
    },
    deleteFunc: (obj: unknown) => { serving.delete(cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]); show(); },
  });
  factory.start(stop);
}
