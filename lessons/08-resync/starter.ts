import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  const podInformer = factory.core().v1().pods().informer();

  // Handler A
  podInformer.addEventHandler({
    // TODO: a resync calls updateFunc with identical objects. Log only real changes.
    updateFunc: (_old: Pod, pod: Pod) => log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });

  // TODO: handler B, registered with addEventHandlerWithResyncPeriod(..., 500),
  //       logging `resync <n>` for every same-version update.

  factory.start(stop);
}
