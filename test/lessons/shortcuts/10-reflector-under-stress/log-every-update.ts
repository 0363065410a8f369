// Shortcut: log every update as a change (no resourceVersion comparison), rv from the lister's newest pod.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["changed-only", "rv-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({
    updateFunc: (_old: Pod, pod: Pod) => log(`changed ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });
  pods.informer().setWatchErrorHandler((err: Error) => log(`watch error: ${err.message}`)); // the handler is right
  factory.start(stop);
  while (!stop.aborted) {
    const rvs = pods.lister().list().map((p) => Number(p.metadata.resourceVersion));
    log(`rv=${rvs.length === 0 ? "" : Math.max(...rvs)}`);
    await sleep(1000);
  }
}
