import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // TODO 1: a transform that returns a copy of the pod without metadata.managedFields and without the
  //         "kubectl.kubernetes.io/last-applied-configuration" annotation; everything else stays.
  // TODO 2: set it on the informer before the factory starts (setTransform).

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`),
    deleteFunc: (obj: unknown) => {
      // TODO 3: a tombstone (cache.DeletedFinalStateUnknown) carries the last state the cache held in
      //         .obj: log its tier too, "out: <name> tier=<tier>".
      log(`out: ${(obj as Pod).metadata.name}`);
    },
  });

  factory.start(stop);
}
