// Shortcut (sweep 28): two handlers, but the dashboard registered first — it is the one the slow-handler
// fault (handler #0) lands on, and the audit (second) is the fast one.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["dashboard-fresh"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods().informer();
  pods.addEventHandler({ addFunc: (pod: Pod) => log(`dashboard: ${pod.metadata.name}`) });
  let audited = 0;
  pods.addEventHandler({ addFunc: () => { audited++; } });
  factory.start(stop);
  void audited;
}
