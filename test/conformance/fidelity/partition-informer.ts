/**
 * The run the partition tests share: a simulated server holding pod "a", and a traced informer on pods
 * (seed 4, backoff without jitter) whose watch error handler's errors are collected — `errors` as
 * "message@virtual ms", `messages` as the bare text. Not started: each test adds handlers, then runs it.
 * `listAnswers` sends bare LISTs through a lister-watcher and records each answer as
 * "<items>@<ms>" or "<reason>@<ms>".
 */
import { ApiServer, Recorder, Scheduler, SharedIndexInformer, type ListerWatcher, type Pod } from "../../../src/index.js";
import { pod } from "../../unit/apiserver/helpers.js";

export function partitionInformer() {
  const s = new Scheduler({ seed: 4 });
  const rec = new Recorder(s);
  const server = new ApiServer(s, { tracer: rec });
  server.create("pods", pod("a"));
  const informer = new SharedIndexInformer(server.listerWatcher<Pod>("pods", { client: "reflector:pods" }),
    { scheduler: s, tracer: rec, name: "pods", backoff: { jitter: 0 } });
  const errors: string[] = [];
  const messages: string[] = [];
  informer.setWatchErrorHandler((e) => { errors.push(`${e.message}@${s.now()}`); messages.push(e.message); });
  return { s, rec, server, informer, errors, messages };
}

export function listAnswers(lw: ListerWatcher<Pod>, s: Scheduler) {
  const answers: string[] = [];
  const list = () => lw.list({}, (e, l) => answers.push(e !== undefined ? `${e.reason}@${s.now()}` : `${l!.items.length}@${s.now()}`));
  return { answers, list };
}
