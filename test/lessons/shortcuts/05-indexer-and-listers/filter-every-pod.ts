// Shortcut (from the review): register the index but never query it; filter every cached pod instead.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["by-node-log"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const pods = factory.core().v1().pods();
  pods.informer().addIndexers({ byNode: (obj: unknown) => ((obj as Pod).spec?.nodeName ? [(obj as Pod).spec!.nodeName!] : []) });
  factory.start(stop);
  await factory.waitForCacheSync(stop);
  while (!stop.aborted) {
    const all = pods.lister().list();
    for (const node of ["node-a", "node-b"]) {
      log(`${node}: ${all.filter((p) => p.spec?.nodeName === node).map((p) => p.metadata.name).sort().join(",")}`);
    }
    log(`team-a: ${all.filter((p) => p.metadata.namespace === "team-a").length} pods`);
    await sleep(2000);
  }
}
