// Shortcut: each component makes its own factory (two informers, two LISTs).
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["one-informer", "shared-delivery"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const a = informers.newSharedInformerFactory(clientset, 0);
  a.core().v1().pods().informer().addEventHandler({ addFunc: (pod: Pod) => log(`audit add ${pod.metadata.name}`) });
  a.start(stop);
  await a.waitForCacheSync(stop);
  await sleep(5000);
  const b = informers.newSharedInformerFactory(clientset, 0);
  b.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod, initial: boolean) => log(`late add ${pod.metadata.name} initial=${initial}`),
  });
  b.start(stop);
}
