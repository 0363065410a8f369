import { informers, type Pod, type Playground } from "playground";

type Factory = ReturnType<typeof informers.newSharedInformerFactory>;

// Component 1: audits every pod.
function startAuditor(factory: Factory, log: Playground["log"]) {
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`audit add ${pod.metadata.name}`),
  });
}

// Component 2: arrives later; the shared informer replays its cache to the new handler.
function startLateCounter(factory: Factory, log: Playground["log"]) {
  return factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod, isInInitialList: boolean) => log(`late add ${pod.metadata.name} initial=${isInInitialList}`),
  });
}

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  log(`same informer: ${factory.core().v1().pods().informer() === factory.core().v1().pods().informer()}`);

  startAuditor(factory, log);
  factory.start(stop);
  await factory.waitForCacheSync(stop);

  await sleep(5000);
  startLateCounter(factory, log);
}
