import { cache, informers, type Pod, type Playground } from "playground";

/** The object without the fields a label change touches, to compare the rest. */
function withoutLabels(pod: Pod): string {
  const { labels: _labels, resourceVersion: _rv, ...meta } = pod.metadata;
  return JSON.stringify({ ...pod, metadata: meta });
}

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`added ${pod.metadata.name}`),
    updateFunc: (oldPod: Pod, newPod: Pod) => {
      const name = newPod.metadata.name;
      if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) {
        log(`same-rv ${name}`);
        return;
      }
      const labelsChanged = JSON.stringify(oldPod.metadata.labels ?? {}) !== JSON.stringify(newPod.metadata.labels ?? {});
      if (labelsChanged && withoutLabels(oldPod) === withoutLabels(newPod)) log(`label-only ${name}`);
      if (newPod.metadata.deletionTimestamp !== undefined && oldPod.metadata.deletionTimestamp === undefined) log(`terminating ${name}`);
    },
    deleteFunc: (obj: unknown) => {
      const key = cache.deletionHandlingMetaNamespaceKeyFunc(obj);
      log(`deleted ${key.slice(key.indexOf("/") + 1)}`);
    },
  });
  factory.start(stop);
}
