import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // Keys, not names: default/web-1 and shop/web-1 are different pods.
  const pods = new Set<string>();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      pods.add(cache.metaNamespaceKeyFunc(pod));
      log(`pods=${pods.size}`);
    },
    deleteFunc: (obj: unknown) => {
      // A Pod, or a DeletedFinalStateUnknown after a relist: both have a key.
      pods.delete(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
      log(`pods=${pods.size}`);
    },
  });

  factory.start(stop);
}
