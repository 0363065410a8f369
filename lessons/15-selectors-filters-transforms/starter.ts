import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  // TODO 1: only frontend pods (tweakListOptions with a labelSelector).
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      log(`in: ${pod.metadata.name}`);
      if (pod.metadata.labels?.["monitor"] === "true") log(`monitor: ${pod.metadata.name}`); // TODO 2: misses label changes
    },
    deleteFunc: (obj: unknown) => log(`out: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`),
  });

  factory.start(stop);
}
