/**
 * The generic registry (apiserver's `registry/generic/registry/store.go` with each kind's strategy):
 * create, update, updateStatus and delete of one object, over the storage layer.
 *
 * Contract:
 * - A rejected request changes nothing; every accepted one commits exactly one event (or none: R4).
 * - Create: metadata required; the name, or generateName + 5 random characters; DNS-1123 name and
 *   namespace rules (422); namespaced objects default to namespace "default"; 409 AlreadyExists. The server
 *   stamps uid, creationTimestamp, resourceVersion, generation 1 (kinds with generation), apiVersion and
 *   kind, and drops deletionTimestamp/deletionGracePeriodSeconds. The body is defaulted first
 *   (defaults.ts) and the strategy's PrepareForCreate resets the status of pods (Pending + QoS class),
 *   deployments and replicasets (pod-strategy.ts); other kinds keep `.status` as given.
 * - Update: 404 for a missing object; a stale metadata.resourceVersion or a different uid is 409 Conflict;
 *   no resourceVersion is allowed unless `allowUnconditionalUpdate` is false (422). The body is defaulted
 *   (so omitted defaulted fields do not count as changes). A terminating object keeps its
 *   deletionTimestamp (and deletionGracePeriodSeconds when none is sent); setting or changing either is
 *   422 "field is immutable". Pods: a spec change beyond the mutable fields — spec.nodeName included —
 *   is 422 (ValidatePodUpdate, pod-strategy.ts). Other system fields are the stored ones; with a status subresource `.status` is ignored; `generation` goes up when the spec (or,
 *   for Deployments, the annotations) changed. No new finalizers on a terminating object (422). An update
 *   that changes nothing is a no-op (R4: same RV, no event). An update that empties the finalizers of a
 *   terminating object deletes it (errEmptiedFinalizers): one DELETED with the last persisted state.
 * - updateStatus: only `.status` changes are kept; 404 for kinds without a status subresource.
 * - bind (pods/binding): the only way to set a pod's spec.nodeName after create; 409 when it is bound or
 *   terminating.
 * - Delete: uid / resourceVersion preconditions (409); pods are graceful (graceful-delete.ts); an object
 *   with finalizers only gets deletionTimestamp (once); otherwise one DELETED carrying the last state.
 *   Returns the object: for pods as the graceful-deletion write left it (deletionTimestamp, grace, generation
 *   + 1, even when deleted at once), terminating when held by finalizers, else its last state.
 * - Dry run (`dryRun`, the real `dryRun=All`): every check runs and the answer is what would be stored,
 *   but nothing is committed, no resourceVersion is consumed and no event is sent; a dry-run create has
 *   no resourceVersion, a dry-run update keeps the stored one.
 */
import type { KubeObject } from "../types.js";
import { admitCreate, admitUpdate, namespaceLifecycle } from "./admission.js";
import { applyDefaults, omitEmpty } from "./defaults.js";
import { deepEqual, freezeCopy } from "./frozen.js";
import type { GracefulDelete } from "./graceful-delete.js";
import {
  keyOf, objectMeta, restamp, validateLabels, validateName, validateNamespace, type MetaMinter, type MetaRecord,
} from "./object-meta.js";
import { prepareNamespace, type NamespaceLifecycle } from "./namespace-lifecycle.js";
import { bindPod, prepareForCreate, validatePodUpdate } from "./pod-strategy.js";
import type { ResourceStore, Storage } from "./resource-store.js";
import { alreadyExists, bindingConflict, conflict, conflictOnKind, invalid, noSuchResource, notFound, qualifiedResource } from "./status.js";

type Json = Record<string, unknown>;

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  /** Fail with 409 unless the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** A Binding (`POST /api/v1/namespaces/{ns}/pods/{name}/binding`, the scheduler's write). */
export interface Binding {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  target: { kind?: string; apiVersion?: string; name: string };
}

/** ValidateObjectMetaAccessorUpdate: deletionTimestamp and deletionGracePeriodSeconds are immutable. */
function immutableDeletionField(m: MetaRecord, em: KubeObject["metadata"]): string | undefined {
  if (m["deletionTimestamp"] !== em.deletionTimestamp) {
    return `metadata.deletionTimestamp: Invalid value: ${JSON.stringify(m["deletionTimestamp"] ?? null)}: field is immutable`;
  }
  if (m["deletionGracePeriodSeconds"] !== em.deletionGracePeriodSeconds) {
    return `metadata.deletionGracePeriodSeconds: Invalid value: ${JSON.stringify(m["deletionGracePeriodSeconds"] ?? null)}: field is immutable`;
  }
  return undefined;
}

export class Registry {
  constructor(
    private readonly storage: Storage,
    private readonly minter: MetaMinter,
    private readonly graceful: GracefulDelete,
    private readonly namespaces: NamespaceLifecycle,
    private readonly allowUnconditionalUpdate: boolean,
  ) {}

  /** The Namespace object of `name`, if there is one (NamespaceLifecycle's lookup). */
  private namespaceObject = (name: string): KubeObject | undefined => this.storage.store("namespaces").objects.get(name);

  get(resource: string, namespace: string | undefined, name: string): KubeObject {
    const store = this.storage.store(resource);
    const obj = store.objects.get(keyOf(store.info, namespace, name));
    if (obj === undefined) throw notFound(store.info, name);
    return obj;
  }

  create<T extends KubeObject>(resource: string, input: T, dryRun = false): T {
    const store = this.storage.store(resource);
    const info = store.info;
    if (typeof input !== "object" || input === null || typeof input.metadata !== "object" || input.metadata === null) {
      throw invalid(info, "", "metadata: Required value: metadata is required");
    }
    const meta = input.metadata;
    let name = meta.name;
    if (!name) {
      if (!meta.generateName) throw invalid(info, "", "metadata.name: Required value: name or generateName is required");
      name = this.minter.generateName(meta.generateName);
    }
    const namespace = info.namespaced ? meta.namespace || "default" : undefined;
    namespaceLifecycle(this.namespaceObject, qualifiedResource(info), name, namespace);
    validateName(info, name);
    if (namespace !== undefined) validateNamespace(info, name, namespace);
    validateLabels(info, name, meta.labels);
    const key = keyOf(info, namespace, name);
    if (store.objects.has(key)) throw alreadyExists(info, name);
    // decode (defaulting, omitempty), mutating admission, the strategy's PrepareForCreate (status reset)
    let prepared = prepareForCreate(resource, admitCreate(resource, omitEmpty(resource, applyDefaults(resource, input))));
    if (resource === "namespaces") prepared = prepareNamespace(prepared, name, true);
    const rv = dryRun ? undefined : this.storage.bump();
    const m = objectMeta(prepared.metadata);
    m["deletionTimestamp"] = undefined;                       // undefined fields are dropped by freezeCopy
    m["deletionGracePeriodSeconds"] = undefined;
    m["name"] = name;
    m["namespace"] = namespace;
    m["uid"] = this.minter.uid();
    m["creationTimestamp"] = this.minter.timestamp();
    m["resourceVersion"] = rv;
    m["generation"] = info.generation ? 1 : undefined;
    const body: Json = { apiVersion: info.apiVersion, kind: info.kind, ...(prepared as unknown as Json), metadata: m };
    if (body["apiVersion"] !== info.apiVersion) body["apiVersion"] = info.apiVersion;
    if (body["kind"] !== info.kind) body["kind"] = info.kind;
    const stored = freezeCopy(body) as unknown as T;
    if (!dryRun) this.storage.commit(store, "ADDED", key, stored, undefined);
    return stored;
  }

  update<T extends KubeObject>(resource: string, input: T, statusOnly: boolean, dryRun = false): T {
    const store = this.storage.store(resource);
    const info = store.info;
    if (typeof input !== "object" || input === null || typeof input.metadata !== "object" || input.metadata === null || !input.metadata.name) {
      throw invalid(info, "", "metadata.name: Required value: name is required");
    }
    if (statusOnly && !info.statusSubresource) throw noSuchResource(`${info.resource}/status`);
    const meta = input.metadata;
    const name = meta.name;
    const key = keyOf(info, meta.namespace, name);
    const existing = store.objects.get(key);
    if (existing === undefined) throw notFound(info, name);
    const em = existing.metadata;
    if (!meta.resourceVersion) {
      if (!this.allowUnconditionalUpdate) {
        throw invalid(info, name, "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
      }
    } else if (meta.resourceVersion !== em.resourceVersion) {
      throw conflict(info, name, "the object has been modified; please apply your changes to the latest version and try again");
    }
    if (meta.uid && meta.uid !== em.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${em.uid}`);
    }
    // Compose the object the server would persist.
    let next: Json;
    if (statusOnly) {
      next = { ...(existing as unknown as Json) };
      next["status"] = (input as unknown as Json)["status"];
    } else {
      validateLabels(info, name, meta.labels);
      let decoded = admitUpdate(resource, omitEmpty(resource, applyDefaults(resource, input)), existing);
      if (resource === "namespaces") decoded = prepareNamespace(decoded, name, false);
      next = { ...(decoded as unknown as Json) };
      const m = objectMeta(decoded.metadata);
      m["uid"] = em.uid;
      m["creationTimestamp"] = em.creationTimestamp;
      // rest/update.go BeforeUpdate: an update never removes or changes a deletionTimestamp, and keeps
      // the stored deletionGracePeriodSeconds when none is sent; setting either is "field is immutable"
      if (em.deletionTimestamp !== undefined) m["deletionTimestamp"] = em.deletionTimestamp;
      if (em.deletionGracePeriodSeconds !== undefined && m["deletionGracePeriodSeconds"] === undefined) {
        m["deletionGracePeriodSeconds"] = em.deletionGracePeriodSeconds;
      }
      const immutable = immutableDeletionField(m, em);
      if (immutable !== undefined) throw invalid(info, name, immutable);
      m["generation"] = em.generation;
      m["namespace"] = em.namespace;
      if (em.deletionTimestamp !== undefined) {
        const old = new Set(em.finalizers ?? []);
        const added = (meta.finalizers ?? []).filter((f) => !old.has(f));
        if (added.length > 0) {
          const goSlice = `[]string{${added.map((f) => JSON.stringify(f)).join(", ")}}`;   // Go's %#v
          throw invalid(info, name, `metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${goSlice}`);
        }
      }
      next["metadata"] = m;
      if (info.statusSubresource) next["status"] = (existing as unknown as Json)["status"];
      if (resource === "pods") {
        const forbidden = validatePodUpdate(next, existing);
        if (forbidden !== undefined) throw invalid(info, name, forbidden);
      }
    }
    if (next["apiVersion"] !== info.apiVersion) next["apiVersion"] = info.apiVersion;
    if (next["kind"] !== info.kind) next["kind"] = info.kind;
    const nm: MetaRecord = statusOnly ? objectMeta(em) : next["metadata"] as MetaRecord;
    nm["resourceVersion"] = em.resourceVersion;
    if (info.generation && !statusOnly) {
      const specChanged = !deepEqual(next["spec"], (existing as unknown as Json)["spec"]);
      const annotationsChanged = info.annotationsBumpGeneration && !deepEqual(nm["annotations"], em.annotations);
      if (specChanged || annotationsChanged) nm["generation"] = (em.generation ?? 0) + 1;
    }
    next["metadata"] = nm;
    if (deepEqual(next, existing)) return existing as T;       // R4: no-op update, same RV, no event
    if (dryRun) return freezeCopy(next) as unknown as T;
    const emptied = em.deletionTimestamp !== undefined && (nm["finalizers"] === undefined || (nm["finalizers"] as string[]).length === 0)
      && (!info.graceful || (em.deletionGracePeriodSeconds ?? 0) === 0);
    if (emptied) {
      // errEmptiedFinalizers: the update is not persisted; the object is deleted instead. Watchers see one
      // DELETED carrying the last persisted state (finalizer still present) at the new RV; the answer is
      // the updated object at its last persisted RV (store.go Update answers the unpersisted object).
      const answer = freezeCopy(next) as unknown as T;
      this.graceful.cancelKubelet(store, key);
      this.storage.commit(store, "DELETED", key, restamp(existing, this.storage.bump()), existing);
      return answer;
    }
    const rv = this.storage.bump();
    nm["resourceVersion"] = rv;
    const stored = freezeCopy(next) as unknown as T;
    this.storage.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  /**
   * pods/binding (BindingREST.Create → setPodNodeAndMetadata): sets spec.nodeName, the binding's
   * annotations and PodScheduled=True in one MODIFIED. A terminating or already bound pod is 409 on
   * "pods/binding"; a target that is not a Node is 422.
   */
  bind(binding: Binding): KubeObject {
    const store = this.storage.store("pods");
    const info = store.info;
    const name = binding?.metadata?.name;
    if (!name) throw invalid(info, "", "metadata.name: Required value: name is required");
    const target = binding.target;
    if (target === undefined || !target.name) throw invalid(info, name, "target.name: Required value");
    if (target.kind !== undefined && target.kind !== "" && target.kind !== "Node") {
      throw invalid(info, name, `target.kind: Invalid value: "${target.kind}": must be empty or 'Node'`);
    }
    const key = keyOf(info, binding.metadata.namespace, name);
    const existing = store.objects.get(key);
    if (existing === undefined) throw notFound(info, name);
    const result = bindPod(existing, target.name, this.minter.timestamp());
    if ("error" in result) throw bindingConflict(name, result.error);
    const body = result.pod as unknown as Json;
    const m = objectMeta(existing.metadata);
    const extra = binding.metadata.annotations;
    if (extra !== undefined) m["annotations"] = { ...(existing.metadata.annotations ?? {}), ...extra };
    const rv = this.storage.bump();
    m["resourceVersion"] = rv;
    const stored = freezeCopy({ ...body, metadata: m }) as unknown as KubeObject;
    this.storage.commit(store, "MODIFIED", key, stored, existing);
    return stored;
  }

  delete(resource: string, namespace: string | undefined, name: string, options: DeleteOptions, dryRun = false): KubeObject {
    const store: ResourceStore = this.storage.store(resource);
    const info = store.info;
    const key = keyOf(info, namespace, name);
    const existing = store.objects.get(key);
    if (existing === undefined) throw notFound(info, name);
    const em = existing.metadata;
    const pre = options.preconditions;
    // rest/delete.go BeforeDelete: the conflict names the kind (GroupResource{group, Kind})
    if (pre?.uid !== undefined && pre.uid !== em.uid) {
      throw conflictOnKind(info, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${em.uid ?? ""}). The object might have been deleted and then recreated`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== em.resourceVersion) {
      throw conflictOnKind(info, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${em.resourceVersion ?? ""}). The object might have been modified`);
    }
    if (dryRun) return existing;
    if (resource === "namespaces") return this.namespaces.deleteNamespace(store, key, existing);
    if (info.graceful) {
      return this.graceful.deletePod(store, key, existing, options.gracePeriodSeconds);
    }
    if ((em.finalizers ?? []).length > 0) {
      if (em.deletionTimestamp !== undefined) return existing;   // already terminating: nothing new
      return this.graceful.markDeleting(store, key, existing, 0, true);
    }
    this.storage.commit(store, "DELETED", key, restamp(existing, this.storage.bump()), existing);
    return existing;
  }
}
