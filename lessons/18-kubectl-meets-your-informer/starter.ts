import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`added ${pod.metadata.name}`),
    // TODO 1: label-only <name> when only metadata.labels changed.
    // TODO 2: terminating <name> when a deletionTimestamp appears.
    // TODO 3: same-rv <name> when the resourceVersion did not change.
    updateFunc: (_oldPod: Pod, newPod: Pod) => log(`updated ${newPod.metadata.name}`),
    // TODO 2: deleted <name>.
    deleteFunc: () => log("something was deleted"),
  });
  factory.start(stop);
}
