// Shortcut (from the review): build the dashboard by polling the lister from main, not from a handler.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["dashboard-fresh", "buffers-per-listener"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({ addFunc: (_pod: Pod) => undefined });
  factory.start(stop);
  const shown = new Set<string>();
  while (!stop.aborted) {
    for (const p of pods.lister().list()) {
      if (!shown.has(p.metadata.name)) {
        shown.add(p.metadata.name);
        log(`dashboard: ${p.metadata.name}`);
      }
    }
    await sleep(50);
  }
}
