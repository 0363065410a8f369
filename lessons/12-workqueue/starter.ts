import { informers, type Pod, type Playground } from "playground";

// Your program from lesson 11: one pod informer, the slow audit on its own handler (#0), the dashboard on
// another (#1). Lesson 11 ended with advice: keep every handler trivial and do the slow work in workers.
// This lesson does that. The audit is now a push of each pod's current version to an external system,
// and it takes 300 ms (`await sleep(300)`): work a worker can wait for, and a handler must not.
export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 0);
  const podInformer = factory.core().v1().pods();

  let audited = 0;

  // Handler #0: the slow audit.
  // TODO 1: make it trivial. On add, update and delete it only adds the pod's key to a workqueue:
  //         cache.metaNamespaceKeyFunc(pod), or in deleteFunc cache.deletionHandlingMetaNamespaceKeyFunc(obj).
  podInformer.informer().addEventHandler({
    addFunc: (_pod: Pod) => {
      audited++;
    },
  });

  // Handler #1: the dashboard, on its own listener. It can stay as it is.
  podInformer.informer().addEventHandler({
    addFunc: (pod: Pod) => log(`dashboard: ${pod.metadata.name}`),
  });

  // TODO 2: the workers. workqueue.newController({ workers: 2, reconcile }), where reconcile(key) reads the
  //         pod from the lister, logs `reconcile <key> version=<its version label>` and pushes it
  //         (`await sleep(300)`); when the lister says NotFound, it logs `gone <key>`.
  // TODO 3: make main async, wait for the cache to sync, then controller.run(stop).
  factory.start(stop);
  void audited;
}
