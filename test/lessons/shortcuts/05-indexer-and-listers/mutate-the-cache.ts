// Shortcut: "index" pods by writing a label onto the cached object in addFunc.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["no-mutation", "by-node-index"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      pod.metadata.labels = { ...pod.metadata.labels, node: pod.spec?.nodeName ?? "" };
    },
  });
  factory.start(stop);
  while (!stop.aborted) {
    for (const node of ["node-a", "node-b"]) {
      log(`${node}: ${pods.lister().list().filter((p) => p.metadata.labels?.["node"] === node).map((p) => p.metadata.name).sort().join(",")}`);
    }
    log(`team-a: ${pods.lister().pods("team-a").list().length} pods`);
    await sleep(2000);
  }
}
