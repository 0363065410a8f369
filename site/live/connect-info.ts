/**
 * What the #/live connect screen asks the live proxy: `/live/info` (context, server, namespace, access,
 * fault endpoint — absent under `kubectl proxy`, which then means "whatever kubectl can reach") and the
 * cluster's `/k8s/version`; and the copy-paste kubectl commands it prints for that cluster.
 */
export interface LiveInfo { context: string; server: string; namespace: string; allowWrites: boolean; embedded: boolean; faults?: string; version?: string }

/** The proxy's /live/info, or undefined (kubectl proxy, or not reachable). */
export async function fetchInfo(): Promise<LiveInfo | undefined> {
  try {
    const r = await fetch("/live/info", { cache: "no-store" });
    if (r.ok) return await r.json() as LiveInfo;
  } catch { /* kubectl proxy: no /live/info */ }
  return undefined;
}

/** The cluster's gitVersion through the proxy; throws with the HTTP status and body when it fails. */
export async function fetchVersion(): Promise<string> {
  const v = await fetch("/k8s/version", { cache: "no-store" });
  if (!v.ok) throw new Error(`HTTP ${v.status}: ${(await v.text()).slice(0, 200)}`);
  return ((await v.json()) as { gitVersion?: string }).gitVersion ?? "?";
}

/** kubectl commands (and fault-endpoint curls on the embedded cluster) to try while following. */
export function kubectlCommands(info: LiveInfo | undefined): string {
  const kubeconfig = info?.embedded ? "export KUBECONFIG=.cluster/live-kubeconfig\n" : "";
  const ns = info?.namespace ?? "default";
  return `${kubeconfig}kubectl -n ${ns} run demo --image=nginx
kubectl -n ${ns} label pod demo tier=frontend
kubectl -n ${ns} scale deployment shop --replicas=3
kubectl -n ${ns} delete pod demo --wait=false
kubectl -n ${ns} delete pod web-1${info?.faults !== undefined ? `\ncurl -X POST ${info.faults}/compact && curl -X POST ${info.faults}/dropWatches` : ""}`;
}
