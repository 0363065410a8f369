// Shortcut (sweep 28): no FilteringResourceEventHandler: log "monitor:" on every add or update that has
// monitor=true and "unmonitor:" on every one that has not, without asking what changed.
import { cache, informers, type Pod, type Playground } from "playground";

export const caughtBy = ["filtering-handler"];

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0, {
    tweakListOptions: (options) => { options.labelSelector = "tier=frontend"; },
  });
  const name = (obj: unknown) => cache.splitMetaNamespaceKey(cache.deletionHandlingMetaNamespaceKeyFunc(obj))[1];
  const tell = (pod: Pod) => log(`${pod.metadata.labels?.["monitor"] === "true" ? "monitor" : "unmonitor"}: ${pod.metadata.name}`);
  factory.core().v1().pods().informer().addEventHandler({
    addFunc: (pod: Pod) => { log(`in: ${pod.metadata.name}`); if (pod.metadata.labels?.["monitor"] === "true") tell(pod); },
    updateFunc: (_old: Pod, pod: Pod) => tell(pod),
    deleteFunc: (obj: unknown) => { log(`out: ${name(obj)}`); log(`unmonitor: ${name(obj)}`); },
  });
  factory.start(stop);
}
