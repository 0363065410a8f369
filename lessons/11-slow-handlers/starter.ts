import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  let audited = 0;

  // Handler #0. The scenario makes every call to it take 500 ms (a slow audit service).
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      audited++; // write the audit record (slow)
      log(`dashboard: ${pod.metadata.name}`); // update the dashboard (should be instant)
    },
  });

  factory.start(stop);
  void audited;
}
