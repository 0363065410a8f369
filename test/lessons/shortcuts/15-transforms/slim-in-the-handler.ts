// Shortcut: no transform; the handler drops managedFields from what it prints. The cache still holds
// every pod whole.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["transform-strips"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      const { managedFields: _drop, ...slim } = pod.metadata;
      log(`in: ${slim.name} tier=${slim.labels?.["tier"]}`);
    },
    deleteFunc: (obj: unknown) => {
      const pod = (obj instanceof cache.DeletedFinalStateUnknown ? obj.obj : obj) as Pod;
      log(`out: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`);
    },
  });
  factory.start(stop);
}
