import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods().informer();

  podInformer.addEventHandler({
    addFunc: (pod: Pod) => {
      log(`Pod added: ${pod.metadata.name}`);
    },
    updateFunc: (_oldPod: Pod, newPod: Pod) => {
      log(`Pod updated: ${newPod.metadata.name}`);
    },
    // A delete may hand you a DeletedFinalStateUnknown tombstone instead of a Pod (lesson 7),
    // so take the key with the tombstone-aware key function rather than casting to Pod.
    deleteFunc: (obj: unknown) => {
      const [, name] = cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
      log(`Pod deleted: ${name}`);
    },
  });

  factory.start(stop);
}
