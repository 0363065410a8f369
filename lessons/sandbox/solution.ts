import { cache, informers, type Deployment, type Pod, type Playground } from "playground";

// One way to extend the sandbox: a second informer from the same factory, and a lister read after sync.
export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods();
  const deployments = factory.apps().v1().deployments();

  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`add ${cache.metaNamespaceKeyFunc(pod)}`),
    updateFunc: (_old: Pod, pod: Pod) => log(`update ${cache.metaNamespaceKeyFunc(pod)} rv=${pod.metadata.resourceVersion}`),
    deleteFunc: (obj: unknown) => log(`delete ${cache.deletionHandlingMetaNamespaceKeyFunc(obj)}`),
  });
  deployments.informer().addEventHandler({
    updateFunc: (_old: Deployment, d: Deployment) => log(`deployment ${d.metadata.name} wants ${d.spec?.replicas ?? 1} replicas`),
  });

  factory.start(stop);
  if (!(await cache.waitForCacheSync(stop, () => podInformer.informer().hasSynced(), () => deployments.informer().hasSynced()))) return;
  log(`synced: ${podInformer.lister().list().length} pods, ${deployments.lister().list().length} deployments`);
}
