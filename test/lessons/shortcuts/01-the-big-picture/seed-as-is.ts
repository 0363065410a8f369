// Shortcut: the blog program as it was (no deleteFunc at all, the resync period "left at the default").
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["one-handler-30s", "every-delete"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`Pod updated: ${pod.metadata.name}`),
  });
  factory.start(stop);
}
