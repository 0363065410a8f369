// Shortcut: no deleteFunc at all; notice vanished pods by polling the lister from main.
import { informers, type Playground } from "playground";

export const caughtBy = ["every-delete", "tombstone"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({});
  factory.start(stop);
  let before = new Set<string>();
  while (!stop.aborted) {
    const now = new Set(pods.lister().list().map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    for (const key of before) if (!now.has(key)) log(`Pod deleted: ${key}`);
    before = now;
    await sleep(200);
  }
}
