/** Types of tools/real-apiserver/real-apiserver.mjs for the TypeScript harness in test/realapi. */
export function findBinaries(cache?: string): { etcd: string; apiserver: string };
export function freePort(): Promise<number>;
export function compactEtcd(etcdUrl: string): Promise<number>;
export interface RealApiserver {
  url: string; token: string; caPem: string; etcdUrl: string; dir: string; kubeconfig: string; port: number;
  pids: { etcd: number; apiserver: number };
  versions: { kubeApiserver: string; etcd: string; goVersion: string };
  startupMs: { etcd: number; apiserver: number };
  /** Stops kube-apiserver and starts it again on the same port and etcd (its watch cache starts empty); resolves with its startup ms. */
  restartApiserver(): Promise<number>;
  stop(): Promise<void>;
}
export function startRealApiserver(opts?: {
  port?: number; dir?: string; cache?: string; keep?: boolean; kubeconfigPath?: string;
  extraArgs?: string[]; readyTimeoutMs?: number; log?: (msg: string) => void;
}): Promise<RealApiserver>;
