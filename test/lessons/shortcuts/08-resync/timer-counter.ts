// Shortcut: count "resyncs" with a timer in main instead of in a handler; one handler only.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["resync-floor", "resync-count"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 10_000);
  factory.core().v1().pods().informer().addEventHandler({
    updateFunc: (oldPod: Pod, pod: Pod) => {
      if (oldPod.metadata.resourceVersion !== pod.metadata.resourceVersion) log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`);
    },
  });
  factory.start(stop);
  for (let n = 1; !stop.aborted; n++) {
    await sleep(1000);
    log(`resync ${n}`);
  }
}
