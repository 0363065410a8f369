import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  let audited = 0;

  // Handler #0: only the slow audit. Its own listener buffers what it cannot handle yet.
  podInformer.informer().addEventHandler({
    addFunc: (_pod: Pod) => {
      audited++;
    },
  });

  // Handler #1: the dashboard, on its own listener, never waits for the audit.
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`dashboard: ${pod.metadata.name}`),
  });

  factory.start(stop);
  void audited;
}
