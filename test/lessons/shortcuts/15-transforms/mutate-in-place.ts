// Shortcut: the Go way, modifying the object in place. Objects from the server are frozen here (as a
// reminder that informer objects are shared), so the transform throws and nothing gets cached.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["transform-strips", "keeps-labels"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().setTransform((obj) => {
    const pod = obj as Pod;
    if (pod?.metadata) {
      delete pod.metadata.managedFields;
      delete pod.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
    }
    return obj;
  });
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`),
    deleteFunc: (obj: unknown) => {
      const pod = (obj instanceof cache.DeletedFinalStateUnknown ? obj.obj : obj) as Pod;
      log(`out: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`);
    },
  });
  factory.start(stop);
}
