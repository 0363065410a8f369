import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  // Our own view of the cluster, as lesson 1's blog example would build it.
  const pods = new Set<string>();
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      pods.add(pod.metadata.name);
      log(`pods=${pods.size}`);
    },
    deleteFunc: (obj: unknown) => {
      const pod = obj as Pod; // a tombstone is not a Pod
      pods.delete(pod.metadata.name);
      log(`pods=${pods.size}`);
    },
  });

  factory.start(stop);
}
