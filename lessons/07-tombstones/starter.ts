import { informers, type Pod, type Playground } from "playground";

export default function main({ clientset, stop, log }: Playground) {
  const factory = informers.newSharedInformerFactory(clientset, 30_000);
  const podInformer = factory.core().v1().pods().informer();
  podInformer.addEventHandler({
    addFunc: (pod: Pod) => log(`Pod added: ${pod.metadata.name}`),
    deleteFunc: (obj: unknown) => {
      // The DeleteFunc of lesson 1's blog example: obj.(*v1.Pod). Is obj always a Pod?
      const pod = obj as Pod;
      log(`Pod deleted: ${pod.metadata.namespace}/${pod.metadata.name}`);
    },
  });
  factory.start(stop);
}
