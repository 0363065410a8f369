// Shortcut (from the review): print the first seed's final count from main.
import { informers, type Playground } from "playground";

export const caughtBy = ["your-view-converges"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({});
  factory.start(stop);
  log("pods=8");
}
