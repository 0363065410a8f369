// Shortcut (sweep 28): never let the informer replay its cache to the late handler: print the "initial"
// lines from the lister in main, and register the late handler for the later adds only.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["late-initial-adds"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({ addFunc: (pod: Pod) => log(`audit add ${pod.metadata.name}`) });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
  await sleep(5000);
  for (const pod of pods.lister().list()) log(`late add ${pod.metadata.name} initial=true`);
  pods.informer().addEventHandler({
    addFunc: (pod: Pod, initial: boolean) => { if (!initial) log(`late add ${pod.metadata.name} initial=false`); },
  });
}
