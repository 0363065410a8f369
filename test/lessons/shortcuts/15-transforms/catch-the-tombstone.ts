// Shortcut: the transform is right, but the delete handler catches the tombstone's failure and prints
// the key without the tier it could have read from obj.obj.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["tombstone-last-state"];

function slim(obj: unknown): unknown {
  const pod = obj as Pod;
  if (!pod?.metadata) return obj;
  const { managedFields: _drop, ...metadata } = pod.metadata;
  const annotations = { ...metadata.annotations };
  delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
  return { ...pod, metadata: { ...metadata, annotations } };
}

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();
  podInformer.informer().setTransform(slim);
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`),
    deleteFunc: (obj: unknown) => {
      try {
        const pod = obj as Pod;
        log(`out: ${pod.metadata.name} tier=${pod.metadata.labels?.["tier"]}`);
      } catch {
        log(`out: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`);
      }
    },
  });
  factory.start(stop);
}
