import { informers, type Pod, type Playground } from "playground";

// The seed article's program, with its mistakes fixed: the factory comes from `informers`
// (not `cache`), and every import is there. It still misses one handler — run it and see.
export default function main({ clientset, stop, log }: Playground) {
  // One factory shares one informer per resource type; 30 s is the default resync period.
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods().informer();

  podInformer.addEventHandler({
    addFunc: (pod: Pod) => {
      log(`Pod added: ${pod.metadata.name}`);
    },
    updateFunc: (_oldPod: Pod, newPod: Pod) => {
      log(`Pod updated: ${newPod.metadata.name}`);
    },
    // TODO: add a deleteFunc that logs `Pod deleted: <name>`.
  });

  // Start every informer the factory created. `stop` is Go's stop channel: aborted when the run ends.
  factory.start(stop);
}
