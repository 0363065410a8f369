// Shortcut: the blog program's deleteFunc, casting whatever arrives to a Pod.
import { informers, type Pod, type Playground } from "playground";

export const caughtBy = ["no-handler-error", "tombstone"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    deleteFunc: (obj: unknown) => {
      const pod = obj as Pod;
      log(`Pod deleted: ${pod.metadata.namespace}/${pod.metadata.name}`);
    },
  });
  factory.start(stop);
}
