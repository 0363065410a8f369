import { cache, informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // This handler builds its own state: the set of pod keys it has seen.
  const seen = new Set<string>();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      seen.add(cache.metaNamespaceKeyFunc(pod));
    },
    deleteFunc: (obj: unknown) => {
      seen.delete(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
    },
  });

  factory.start(stop);

  // TODO: this runs before anything has been listed. Wait until it is true.
  const cached = podInformer.lister().list();
  log(`ready: lister=${cached.length} handler=${seen.size}`);
}
