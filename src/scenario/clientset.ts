/**
 * Clientset — the learner's client-go-shaped view of the simulated cluster
 * (`clientset.coreV1().pods("default").create(pod)`).
 *
 * Contract:
 * - Every call returns a Promise settled from a task scheduled on the run's Scheduler, never
 *   synchronously — so code after `await` resumes inside the drive loop (API.md "Promises and virtual
 *   time"). The request is carried out at the virtual instant it was made (a task of delay 0); its
 *   answer, value or error, reaches the code after the server's reply latency (`replyLatency()`, the
 *   latency a Reflector's LIST reply gets: one network, as client-go's clientset and the informers
 *   built from it share one transport), in the same task when that is 0. Partitions and throttling do
 *   not apply to these requests (the server's fault switches hit ListerWatcher traffic only).
 * - Failures reject with the server's ApiError (use errors.isNotFound / isConflict / isAlreadyExists).
 * - Objects cross the boundary as copies: what the learner passes is copied before the server sees it,
 *   and what comes back is a fresh, mutable copy (client-go hands out decoded copies too).
 * - Namespaced clients: `pods("ns")` works in "ns"; `pods()` uses the object's namespace for
 *   create/update ("default" if none), "default" for get/delete, and all namespaces for list. Creating an
 *   object whose namespace differs from the client's is a 400 BadRequest, as in the real API.
 * - `pods(ns).bind(binding)` is client-go's PodExpansion Bind: the pods/binding subresource.
 * - `serverOf(clientset)` recovers the ApiServer (the informer factory needs it).
 * - Its requests are traced with origin "code" (trace.ts RequestOrigin): they are the learner's; with a
 *   `locate` function (the runner's SourceLocator.ofStack), also with where the learner made the call.
 */
import type { ApiServer, Binding } from "../apiserver/index.js";
import { newApiError } from "../apimachinery/errors.js";
import type { KubeList, ListOptions } from "../apimachinery/meta.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { SourcePosition } from "../sim/trace.js";
import type {
  ConfigMap, Deployment, KubeObject, Namespace, Node, Pod, ReplicaSet, Service,
} from "../types.js";

export interface ResourceClient<T> {
  create(obj: T): Promise<T>;
  update(obj: T): Promise<T>;
  /** The status subresource (client-go's UpdateStatus): changes only `.status`; 409 on a stale resourceVersion. */
  updateStatus(obj: T): Promise<T>;
  get(name: string): Promise<T>;
  delete(name: string, options?: { gracePeriodSeconds?: number }): Promise<void>;
  list(options?: ListOptions): Promise<KubeList<T>>;
}

/** client-go's PodExpansion: the pods client also binds (POST …/pods/{name}/binding, as the scheduler does). */
export interface PodClient extends ResourceClient<Pod> {
  /** Sets the pod's spec.nodeName (an update cannot): 409 when it is already bound or terminating. */
  bind(binding: Binding): Promise<void>;
}

export interface CoreV1Client {
  pods(namespace?: string): PodClient;
  configMaps(namespace?: string): ResourceClient<ConfigMap>;
  services(namespace?: string): ResourceClient<Service>;
  nodes(): ResourceClient<Node>;
  namespaces(): ResourceClient<Namespace>;
}

export interface AppsV1Client {
  deployments(namespace?: string): ResourceClient<Deployment>;
  replicaSets(namespace?: string): ResourceClient<ReplicaSet>;
}

export interface Clientset {
  coreV1(): CoreV1Client;
  appsV1(): AppsV1Client;
}

const servers = new WeakMap<object, ApiServer>();

/** The ApiServer behind a clientset made by newClientset. */
export function serverOf(clientset: Clientset): ApiServer {
  const server = servers.get(clientset);
  if (server === undefined) {
    throw new TypeError("expected the run's clientset (ctx.clientset)");
  }
  return server;
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

type Locate = () => SourcePosition | undefined;

class Client<T extends KubeObject> implements ResourceClient<T> {
  constructor(private readonly server: ApiServer, private readonly scheduler: Scheduler,
              private readonly resource: string, private readonly namespace: string | undefined,
              private readonly namespaced: boolean, private readonly locate?: Locate) {}

  create(obj: T): Promise<T> {
    const object = this.prepare(obj);
    return this.call(() => {
      if (object instanceof Error) throw object;
      return copy(this.server.create<T>(this.resource, object));
    });
  }

  update(obj: T): Promise<T> {
    const object = this.prepare(obj);
    return this.call(() => {
      if (object instanceof Error) throw object;
      return copy(this.server.update<T>(this.resource, object));
    });
  }

  updateStatus(obj: T): Promise<T> {
    const object = this.prepare(obj);
    return this.call(() => {
      if (object instanceof Error) throw object;
      return copy(this.server.updateStatus<T>(this.resource, object));
    });
  }

  get(name: string): Promise<T> {
    return this.call(() => copy(this.server.get<T>(this.resource, this.nsForName(), name)));
  }

  delete(name: string, options?: { gracePeriodSeconds?: number }): Promise<void> {
    const opts = options === undefined ? undefined : { ...options };
    return this.call(() => {
      if (opts === undefined) this.server.delete(this.resource, this.nsForName(), name);
      else this.server.delete(this.resource, this.nsForName(), name, opts);
    });
  }

  list(options?: ListOptions): Promise<KubeList<T>> {
    const opts: ListOptions = { ...(options ?? {}) };
    if (this.namespaced && this.namespace !== undefined && opts.namespace === undefined) {
      opts.namespace = this.namespace;
    }
    return this.call(() => copy(this.server.list<T>(this.resource, opts)));
  }

  /** Copies the learner's object and settles its namespace; an invalid one becomes the request's error. */
  private prepare(obj: T): T | Error {
    let object: T;
    try {
      object = copy(obj);
    } catch (e) {
      return newApiError(400, "BadRequest", `${this.resource}: cannot encode object: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (object === null || typeof object !== "object" || typeof object.metadata !== "object" || object.metadata === null) {
      return newApiError(400, "BadRequest", `${this.resource}: object has no metadata`);
    }
    if (!this.namespaced) return object;
    const own = object.metadata.namespace;
    if (this.namespace !== undefined && own !== undefined && own !== "" && own !== this.namespace) {
      return newApiError(400, "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request");
    }
    object.metadata.namespace = own !== undefined && own !== "" ? own : (this.namespace ?? "default");
    return object;
  }

  private nsForName(): string | undefined {
    return this.namespaced ? (this.namespace ?? "default") : undefined;
  }

  protected run<R>(fn: () => R): Promise<R> {
    return this.call(fn);
  }

  /** Runs `fn` in a task of its own, its requests traced as the learner's code (origin "code"). */
  private call<R>(fn: () => R): Promise<R> {
    // Where the learner called: read now, while its code is on the stack (the request runs in a task).
    const src = this.locate?.();
    return new Promise<R>((resolve, reject) => {
      this.scheduler.setTimeout(() => {
        let settle: () => void;
        try {
          const value = this.server.withRequestOrigin("code", fn, src);
          settle = () => resolve(value);
        } catch (e) {
          settle = () => reject(e);
        }
        // The reply crosses the same network as the informer's: it arrives after the client latency.
        const latency = this.server.replyLatency();
        if (latency > 0) this.scheduler.setTimeout(settle, latency);
        else settle();
      }, 0);
    });
  }
}

class PodsClient extends Client<Pod> implements PodClient {
  constructor(private readonly api: ApiServer, scheduler: Scheduler, private readonly ns: string | undefined, locate?: Locate) {
    super(api, scheduler, "pods", ns, true, locate);
  }

  bind(binding: Binding): Promise<void> {
    let body: Binding | Error;
    try {
      body = copy(binding);
      if (body === null || typeof body !== "object" || typeof body.metadata !== "object" || body.metadata === null) {
        body = newApiError(400, "BadRequest", "pods/binding: object has no metadata");
      } else {
        body.metadata.namespace = body.metadata.namespace || (this.ns ?? "default");
      }
    } catch (e) {
      body = newApiError(400, "BadRequest", `pods/binding: cannot encode object: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.run(() => {
      if (body instanceof Error) throw body;
      this.api.bind(body);
    });
  }
}

export function newClientset(server: ApiServer, locate?: Locate): Clientset {
  const scheduler = server.scheduler;
  const make = <T extends KubeObject>(resource: string, namespace: string | undefined,
                                     namespaced: boolean): ResourceClient<T> =>
    new Client<T>(server, scheduler, resource, namespace, namespaced, locate);
  const core: CoreV1Client = {
    pods: (ns) => new PodsClient(server, scheduler, ns, locate),
    configMaps: (ns) => make<ConfigMap>("configmaps", ns, true),
    services: (ns) => make<Service>("services", ns, true),
    nodes: () => make<Node>("nodes", undefined, false),
    namespaces: () => make<Namespace>("namespaces", undefined, false),
  };
  const apps: AppsV1Client = {
    deployments: (ns) => make<Deployment>("deployments", ns, true),
    replicaSets: (ns) => make<ReplicaSet>("replicasets", ns, true),
  };
  const clientset: Clientset = { coreV1: () => core, appsV1: () => apps };
  servers.set(clientset, server);
  return clientset;
}
