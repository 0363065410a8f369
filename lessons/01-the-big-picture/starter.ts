import { informers, type Pod, type Playground } from "playground";

// The program from the blog walk-through this lesson starts from, with its compile errors fixed: the
// factory comes from `informers` (not `cache`), the imports are the ones it uses, and the lesson's
// "spot the bugs" card lists the rest. It still misses one handler — run it and see.
export default function main({ clientset, stop, log }: Playground) {
  // One factory shares one informer per resource type. The resync period is a required argument
  // (client-go has no default); 30 s is the blog program's choice, and lesson 8 shows what it costs.
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
