import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const serving = new Set<string>();
  const show = () => log(`serving: ${[...serving].sort().join(",")}`);
  const isGoing = (pod: Pod) => pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;

  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => {
      if (!isGoing(pod)) serving.add(pod.metadata.name);
      show();
    },
    updateFunc: (oldPod: Pod, newPod: Pod) => {
      const name = newPod.metadata.name;
      if (oldPod.metadata.uid !== newPod.metadata.uid) log(`recreated ${name}`);
      if (isGoing(newPod)) {
        if (!isGoing(oldPod)) log(`terminating ${name}`);
        serving.delete(name);
      } else {
        serving.add(name);
      }
      show();
    },
    deleteFunc: (obj: unknown) => {
      const [, name] = cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
      serving.delete(name);
      show();
    },
  });
  factory.start(stop);
}
