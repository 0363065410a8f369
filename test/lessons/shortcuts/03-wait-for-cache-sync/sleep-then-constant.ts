// Shortcut (from the review): sleep two seconds, then print the first seed's numbers.
import { informers, type Playground } from "playground";

export const caughtBy = ["ready-line-true", "registration-synced-first"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({});
  factory.start(stop);
  await sleep(2000);
  log("ready: lister=6 handler=6");
}
