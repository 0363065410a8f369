/**
 * Object types — plain JSON-shaped Kubernetes objects on top of `kubernetes-types`, with a required
 * `metadata.name` so strict code can write `pod.metadata.name` (API.md). No index signatures: an object
 * is exactly what its kind allows.
 */
import type * as appsv1 from "kubernetes-types/apps/v1";
import type * as corev1 from "kubernetes-types/core/v1";
import type * as k8smeta from "kubernetes-types/meta/v1";

export interface ObjectMeta extends Omit<k8smeta.ObjectMeta, "name"> {
  name: string;
}
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}
export type Pod = Omit<corev1.Pod, "metadata"> & { metadata: ObjectMeta };
export type ConfigMap = Omit<corev1.ConfigMap, "metadata"> & { metadata: ObjectMeta };
export type Service = Omit<corev1.Service, "metadata"> & { metadata: ObjectMeta };
export type Node = Omit<corev1.Node, "metadata"> & { metadata: ObjectMeta };
export type Namespace = Omit<corev1.Namespace, "metadata"> & { metadata: ObjectMeta };
export type Deployment = Omit<appsv1.Deployment, "metadata"> & { metadata: ObjectMeta };
export type ReplicaSet = Omit<appsv1.ReplicaSet, "metadata"> & { metadata: ObjectMeta };
