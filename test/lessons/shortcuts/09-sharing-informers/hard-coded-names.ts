// Shortcut: print the first seed's names and count instead of registering the late handler.
import { informers, type Playground } from "playground";

export const caughtBy = ["late-initial-adds", "shared-delivery"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({});
  factory.start(stop);
  await sleep(5000);
  for (const name of ["web-1", "web-2", "db-1"]) log(`late add ${name} initial=true`);
  await sleep(3000);
  log("late add web-9 initial=false");
}
