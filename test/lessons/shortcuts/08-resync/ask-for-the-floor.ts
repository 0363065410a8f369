// Shortcut: register handler B with 1000 ms, the period the goal reads in the trace, instead of asking
// for 500 ms and seeing the informer raise it to the 1 s minimum.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["resync-floor"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  const podInformer = factory.core().v1().pods().informer();
  const sameVersion = (a: Pod, b: Pod) => a.metadata.resourceVersion === b.metadata.resourceVersion;
  podInformer.addEventHandler({
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (!sameVersion(oldPod, pod)) log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
  });
  let resyncs = 0;
  podInformer.addEventHandlerWithResyncPeriod({
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (sameVersion(oldPod, pod)) log(`resync ${++resyncs}`);
    },
  }, 1000);
  factory.start(stop);
}
