import { informers, type Pod, type Playground } from "playground";

type Clientset = Playground["clientset"];

// Component 1: audits every pod.
function startAuditor(clientset: Clientset, stop: AbortSignal, log: Playground["log"]) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`audit add ${pod.metadata.name}`),
  });
  factory.start(stop);
}

// Component 2: arrives later and counts pods.
async function startLateCounter(clientset: Clientset, stop: AbortSignal, log: Playground["log"], sleep: Playground["sleep"]) {
  await sleep(5000);
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    // TODO: log `late add <name> initial=<isInInitialList>`
    addFunc: (pod: Pod) => log(`late add ${pod.metadata.name}`),
  });
  factory.start(stop);
}

export default async function main({ clientset, stop, log, sleep }: Playground) {
  // TODO: one factory for the whole program, shared by both components.
  startAuditor(clientset, stop, log);
  await startLateCounter(clientset, stop, log, sleep);
}
