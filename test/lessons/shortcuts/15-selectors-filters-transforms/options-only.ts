// Shortcut: set the label selector and stop there (no transform, no filtering handler).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["filtering-handler"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0, {
    tweakListOptions: (options) => { options.labelSelector = "tier=frontend"; },
  });
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => log(`in: ${pod.metadata.name}`),
    deleteFunc: (obj: unknown) => log(`out: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`),
  });
  factory.start(stop);
}
