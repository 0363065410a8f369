import { cache, informers, type Pod, type Playground } from "playground";

export default async function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  const seen = new Set<string>();
  const registration = podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => {
      seen.add(cache.metaNamespaceKeyFunc(pod));
    },
    deleteFunc: (obj: unknown) => {
      seen.delete(cache.deletionHandlingMetaNamespaceKeyFunc(obj));
    },
  });

  factory.start(stop);

  // The informer synced = cache filled. The registration synced = this handler saw the initial list.
  const ok = await cache.waitForCacheSync(
    stop,
    () => podInformer.informer().hasSynced(),
    () => registration.hasSynced(),
  );
  if (!ok) return;

  const cached = podInformer.lister().list();
  log(`ready: lister=${cached.length} handler=${seen.size}`);
}
