// Shortcut: keep one handler and log the dashboard line first thing in it (the starter's mistake).
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["dashboard-fresh", "buffers-per-listener"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({ addFunc: (pod: Pod) => log(`dashboard: ${pod.metadata.name}`) });
  factory.start(stop);
}
