// Shortcut: print the lines the goals look for from main, reading the lister, instead of from handlers.
import { informers, type Playground } from "playground";

export const caughtBy = ["adds-and-updates", "every-delete"];

export default async function main({ clientset, stop, log, sleep }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const pods = factory.core().v1().pods();
  pods.informer().addEventHandler({});
  factory.start(stop);
  const seen = new Map<string, string>();
  while (!stop.aborted) {
    const now = new Map(pods.lister().list().map((p) => [p.metadata.name, p.metadata.resourceVersion ?? ""]));
    for (const [name, rv] of now) {
      if (!seen.has(name)) log(`Pod added: ${name}`);
      else if (seen.get(name) !== rv) log(`Pod updated: ${name}`);
    }
    for (const name of seen.keys()) if (!now.has(name)) log(`Pod deleted: ${name}`);
    seen.clear();
    for (const [k, v] of now) seen.set(k, v);
    await sleep(500);
  }
}
