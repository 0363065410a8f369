// Shortcut (from the review): flip the two options and write no code.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["handler-sees-order"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0, { fifo: "real", watchList: true });
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`add ${pod.metadata.name} rv=${pod.metadata.resourceVersion}`),
  });
  factory.start(stop);
}
