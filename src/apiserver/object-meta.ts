/**
 * What the server stamps on an object's metadata (apiserver's `rest.BeforeCreate` and
 * `FillObjectMetaSystemFields`): the name from generateName, the uid, the timestamps, and the name rules.
 *
 * Contract:
 * - `uid()` is a version-4 UUID from the scheduler's PRNG, and `generateName(prefix)` appends five
 *   characters of the real server's alphabet from the same PRNG: deterministic per seed.
 * - `timestamp(offsetMs)` is RFC 3339 with whole seconds, `epoch` + the scheduler's virtual time.
 * - `validateName` / `validateNamespace` throw 422 Invalid with the real messages (DNS-1123 label for
 *   namespaces and services, subdomain otherwise); `validateLabels` the first label key or value error.
 * - `objectMeta(meta)` copies ObjectMeta with every field in one fixed order (see its comment);
 *   `restamp(obj, rv)` is `obj` at a new resourceVersion (a DELETED event's body).
 */
import type { Scheduler } from "../sim/scheduler.js";
import type { KubeObject, ObjectMeta } from "../types.js";
import { freezeShallow } from "./frozen.js";
import type { ResourceInfo } from "./resources.js";
import { invalid } from "./status.js";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
export const DEFAULT_EPOCH = "2025-01-01T00:00:00Z";

/** Metadata as a record the server fills field by field before freezing it. */
export type MetaRecord = Record<string, unknown>;

/**
 * A copy of ObjectMeta with every field in one fixed order. Uniform shapes keep V8 on its fast paths
 * (spreading arbitrary metadata and adding fields was measured 5–10× slower per create); fields left
 * `undefined` are dropped by freezeCopy.
 */
export function objectMeta(src: ObjectMeta): MetaRecord {
  return {
    name: src.name, generateName: src.generateName, namespace: src.namespace, uid: src.uid,
    resourceVersion: src.resourceVersion, generation: src.generation, creationTimestamp: src.creationTimestamp,
    deletionTimestamp: src.deletionTimestamp, deletionGracePeriodSeconds: src.deletionGracePeriodSeconds,
    labels: src.labels, annotations: src.annotations, ownerReferences: src.ownerReferences,
    finalizers: src.finalizers, managedFields: src.managedFields, selfLink: src.selfLink,
  };
}

/** `obj` with its resourceVersion replaced (shallow-frozen, sharing everything else). */
export function restamp(obj: KubeObject, resourceVersion: string): KubeObject {
  return freezeShallow({ ...obj, metadata: freezeShallow({ ...obj.metadata, resourceVersion }) });
}

/** The storage key of an object: "namespace/name" (namespace defaults to "default") or "name". */
export function keyOf(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${namespace || "default"}/${name}` : name;
}

const DNS_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
  "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and " +
  "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** ValidateObjectMeta's name rule (apimachinery util/validation IsDNS1123Subdomain / IsDNS1123Label messages). */
export function validateName(info: ResourceInfo, name: string): void {
  const label = info.resource === "namespaces" || info.resource === "services";
  const max = label ? 63 : 253;
  if (name.length > max) throw invalid(info, name, `metadata.name: Invalid value: "${name}": must be no more than ${max} characters`);
  if (!(label ? DNS_LABEL : DNS_SUBDOMAIN).test(name)) {
    throw invalid(info, name, `metadata.name: Invalid value: "${name}": ${label ? DNS_LABEL_MSG : DNS_SUBDOMAIN_MSG}`);
  }
}

export function validateNamespace(info: ResourceInfo, name: string, namespace: string): void {
  if (!DNS_LABEL.test(namespace)) throw invalid(info, name, `metadata.namespace: Invalid value: "${namespace}": ${DNS_LABEL_MSG}`);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
  "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** IsQualifiedName's first error for a label key, or undefined (apimachinery util/validation). */
function labelKeyError(key: string): string | undefined {
  const parts = key.split("/");
  if (parts.length > 2) return NAME_PART_MSG;
  const name = parts.length === 2 ? parts[1]! : key;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0) return "prefix part must be non-empty";
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `prefix part ${DNS_SUBDOMAIN_MSG}`;
    }
  }
  if (name.length === 0) return "name part must be non-empty";
  if (name.length > 63) return "name part must be no more than 63 characters";
  if (!QUALIFIED_NAME.test(name)) return NAME_PART_MSG;
  return undefined;
}

/** ValidateLabels (apimachinery pkg/api/validation/objectmeta.go): every key a qualified name, every value a label value. */
export function validateLabels(info: ResourceInfo, name: string, labels: Readonly<Record<string, string>> | undefined): void {
  if (labels === undefined || labels === null) return;
  for (const [k, v] of Object.entries(labels)) {
    const keyErr = labelKeyError(k);
    if (keyErr !== undefined) throw invalid(info, name, `metadata.labels: Invalid value: ${JSON.stringify(k)}: ${keyErr}`);
    const value = String(v);
    if (value.length > 63) throw invalid(info, name, `metadata.labels: Invalid value: ${JSON.stringify(value)}: must be no more than 63 characters`);
    if (!LABEL_VALUE.test(value)) throw invalid(info, name, `metadata.labels: Invalid value: ${JSON.stringify(value)}: ${LABEL_VALUE_MSG}`);
  }
}

/** Mints uids, generated names and timestamps from the run's Scheduler. */
export class MetaMinter {
  private readonly epochMs: number;
  private lastSecond = Number.NaN;
  private lastStamp = "";

  constructor(private readonly scheduler: Scheduler, epoch: string) {
    this.epochMs = Date.parse(epoch);
  }

  timestamp(offsetMs = 0): string {
    const second = Math.floor((this.scheduler.now() + offsetMs) / 1000);
    if (second !== this.lastSecond) {
      this.lastSecond = second;
      this.lastStamp = new Date(this.epochMs + second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    return this.lastStamp;
  }

  /** The virtual time (ms) of a timestamp this minter wrote. */
  virtualMs(stamp: string): number {
    return Date.parse(stamp) - this.epochMs;
  }

  generateName(prefix: string): string {
    let suffix = "";
    for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(this.scheduler.random() * GENERATE_ALPHABET.length)]!;
    return prefix + suffix;
  }

  /** A version-4 UUID from the scheduler's PRNG (deterministic per seed). */
  uid(): string {
    const r = (): number => (this.scheduler.random() * 0x100000000) >>> 0;
    const a = r();
    const b = r();
    const c = r();
    const d = r();
    return HEX[a >>> 24]! + HEX[(a >>> 16) & 255]! + HEX[(a >>> 8) & 255]! + HEX[a & 255]! + "-" +
      HEX[b >>> 24]! + HEX[(b >>> 16) & 255]! + "-" + HEX[0x40 | ((b >>> 8) & 15)]! + HEX[b & 255]! + "-" +
      HEX[0x80 | (c >>> 26)]! + HEX[(c >>> 16) & 255]! + "-" + HEX[(c >>> 8) & 255]! + HEX[c & 255]! +
      HEX[d >>> 24]! + HEX[(d >>> 16) & 255]! + HEX[(d >>> 8) & 255]! + HEX[d & 255]!;
  }
}
