import { informers, type Pod, type Playground } from "playground";

// Lesson 1's program, as you finished it: the blog's printer, with the blog's DeleteFunc.
// This run deletes pods while the informer cannot see (a partition, then compaction). Run it.

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods().informer();

  podInformer.addEventHandler({
    addFunc: (pod: Pod) => {
      log(`Pod added: ${pod.metadata.name}`);
    },
    updateFunc: (_oldPod: Pod, newPod: Pod) => {
      log(`Pod updated: ${newPod.metadata.name}`);
    },
    // The blog's cast. In this run every delete arrives as a Pod, so it works; lesson 7 shows the run
    // where it does not (bug 8 on the "spot the bugs" card), and this program is where lesson 7 starts.
    deleteFunc: (obj: unknown) => {
      const pod = obj as Pod;
      log(`Pod deleted: ${pod.metadata.name}`);
    },
  });

  factory.start(stop);
}
