// Shortcut (sweep 28): one function for all three callbacks that logs all three lines the goals look for,
// so whichever callback runs, "its" line is there. It never tells an add from an update or a delete.
import { informers, type Playground } from "playground";

export const caughtBy = ["adds-and-updates", "every-delete"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const all = (obj: unknown) => {
    const o = obj as { metadata?: { name: string }; obj?: { metadata: { name: string } } };
    const name = o.metadata?.name ?? o.obj?.metadata.name ?? "?";
    for (const what of ["added", "updated", "deleted"]) log(`Pod ${what}: ${name}`);
  };
  factory.core().v1().pods().informer().addEventHandler({ addFunc: all, updateFunc: (_old: unknown, obj: unknown) => all(obj), deleteFunc: all });
  factory.start(stop);
}
