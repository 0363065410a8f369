/**
 * The run the partition tests share: a simulated server holding pod "a", and a traced informer on pods
 * (seed 4, backoff without jitter) whose watch error handler's errors are collected — `errors` as
 * "message@virtual ms", `messages` as the bare text. Not started: each test adds handlers, then runs it.
 * `bareLister` is a server holding pod "a" (seed 1, no tracer) and its lister-watcher for pods, with
 * `list()` sending a bare LIST whose answer is recorded in `answers` as "<items>@<ms>" or "<reason>@<ms>".
 */
import { ApiServer, Recorder, Scheduler, SharedIndexInformer, type Pod } from "../../../src/index.js";
import { pod } from "../../unit/apiserver/helpers.js";

export function partitionInformer() {
  const s = new Scheduler({ seed: 4 });
  const rec = new Recorder(s);
  const server = new ApiServer(s, { tracer: rec });
  server.create("pods", pod("a"));
  const informer = new SharedIndexInformer(server.listerWatcher<Pod>("pods", { client: "reflector:pods" }),
    { scheduler: s, tracer: rec, name: "pods", objectDescription: "*v1.Pod", backoff: { jitter: 0 } });
  const errors: string[] = [];
  const messages: string[] = [];
  informer.setWatchErrorHandler((e) => { errors.push(`${e.message}@${s.now()}`); messages.push(e.message); });
  return { s, rec, server, informer, errors, messages };
}

export function bareLister() {
  const s = new Scheduler({ seed: 1 });
  const server = new ApiServer(s, {});
  server.create("pods", pod("a"));
  const lw = server.listerWatcher<Pod>("pods");
  const answers: string[] = [];
  const list = () => lw.list({}, (e, l) => answers.push(e !== undefined ? `${e.reason}@${s.now()}` : `${l!.items.length}@${s.now()}`));
  return { s, server, lw, answers, list };
}
