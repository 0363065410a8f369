// Shortcut (sweep 28): register the "late" handler at start with the auditor, so the informer never has
// to replay its cache to a newcomer.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["late-initial-adds"];

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods().informer();
  pods.addEventHandler({ addFunc: (pod: Pod) => log(`audit add ${pod.metadata.name}`) });
  pods.addEventHandler({ addFunc: (pod: Pod, initial: boolean) => log(`late add ${pod.metadata.name} initial=${initial}`) });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
}
