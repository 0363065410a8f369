// Shortcut: every update whose resourceVersion moved is called "label-only", without comparing the objects
// (the graceful delete's deletionTimestamp update is not a label change).
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["label-only"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  factory.core().v1().pods().informer().addEventHandler({
    updateFunc: (oldPod: Pod, newPod: Pod) => {
      const name = newPod.metadata.name;
      if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) { log(`same-rv ${name}`); return; }
      log(`label-only ${name}`);
      if (newPod.metadata.deletionTimestamp !== undefined && oldPod.metadata.deletionTimestamp === undefined) log(`terminating ${name}`);
    },
    deleteFunc: (obj: unknown) => {
      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);
      log(`deleted ${key.slice(key.indexOf("/") + 1)}`);
    },
  });
  factory.start(stop);
}
