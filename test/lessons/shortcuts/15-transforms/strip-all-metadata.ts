// Shortcut: the smallest transform — keep only the name and namespace. The cache is tiny, and every
// reader that needs a label (here the handler's tier) gets undefined.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["keeps-labels"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().setTransform((obj) => {
    const pod = obj as Pod;
    return pod?.metadata ? { metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, resourceVersion: pod.metadata.resourceVersion } } : obj;
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
