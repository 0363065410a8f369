import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const serving = new Set<string>();
  const show = () => log(`serving: ${[...serving].sort().join(",")}`);

  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => {
      serving.add(pod.metadata.name);
      show();
    },
    updateFunc: (_oldPod: Pod, newPod: Pod) => {
      // TODO: a pod with metadata.deletionTimestamp is going away (log "terminating <name>" once).
      // TODO: a different metadata.uid means the pod was re-created (log "recreated <name>").
      log(`updated ${newPod.metadata.name}`);
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
