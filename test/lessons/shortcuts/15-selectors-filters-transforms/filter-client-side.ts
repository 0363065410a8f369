// Shortcut: no label selector and no transform; filter frontend pods inside the handlers instead.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["label-selector"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const frontend = (p: Pod) => p.metadata.labels?.["tier"] === "frontend";
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { if (frontend(pod)) log(`in: ${pod.metadata.name}`); },
    updateFunc: (old: Pod, pod: Pod) => { if (frontend(old) && !frontend(pod)) log(`out: ${pod.metadata.name}`); },
    deleteFunc: (obj: unknown) => log(`out: ${cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1]}`),
  });
  factory.start(stop);
}
