// Shortcut: the lines of the lesson's own session, printed for its pod names whatever arrives.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["label-only", "terminating-then-deleted", "relist-same-rv"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    updateFunc: (_oldPod: Pod, newPod: Pod) => {
      if (newPod.metadata.labels?.["tier"] === "frontend") log("label-only demo-1");
      if (newPod.metadata.deletionTimestamp !== undefined) log("terminating web-1");
    },
    deleteFunc: () => log("deleted web-1"),
  });
  factory.start(stop);
}
