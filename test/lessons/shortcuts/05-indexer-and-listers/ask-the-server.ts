// Shortcut: skip the index and ask the API server for the pods every time.
import { informers, type Playground } from "playground";

export const caughtBy = ["by-node-index", "no-server-reads"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer();
  factory.start(stop);
  while (!stop.aborted) {
    const pods = (await clientset.coreV1().pods().list()).items;
    for (const node of ["node-a", "node-b"]) {
      log(`${node}: ${pods.filter((p) => p.spec?.nodeName === node).map((p) => p.metadata.name).sort().join(",")}`);
    }
    log(`team-a: ${pods.filter((p) => p.metadata.namespace === "team-a").length} pods`);
    await sleep(2000);
  }
}
