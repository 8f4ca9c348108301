// Deterministic node fleet: zone/res labels, cicd taints, capacities and pod CIDRs from the seed.
import { rng, shuffle } from "./rng.js";

export type Res = "normal" | "ssd" | "gpu";
export interface NodeSpecGen {
  name: string;
  res: Res;
  zone: "default" | "cicd";
  index: number;
}

const CAP: Record<Res, Record<string, string>> = {
  normal: { cpu: "16", memory: "64Gi", pods: "110", "ephemeral-storage": "200Gi" },
  ssd: { cpu: "32", memory: "128Gi", pods: "110", "ephemeral-storage": "1Ti" },
  gpu: { cpu: "32", memory: "256Gi", pods: "110", "ephemeral-storage": "500Gi", "nvidia.com/gpu": "4" },
};

/** 10% cicd (tainted), 10% gpu, 20% ssd, rest normal; which node gets what is shuffled by seed. */
export function planNodes(cluster: string, count: number, seed: number): NodeSpecGen[] {
  const rand = rng(seed ^ hash(cluster));
  const res: Res[] = Array.from({ length: count }, (_, i) => (i < Math.round(count * 0.1) ? "gpu" : i < Math.round(count * 0.3) ? "ssd" : "normal"));
  const zones = Array.from({ length: count }, (_, i) => (i < Math.round(count * 0.1) ? "cicd" : "default") as "cicd" | "default");
  shuffle(res, rand);
  shuffle(zones, rand);
  return res.map((r, i) => ({ name: `${cluster}-node-${String(i + 1).padStart(3, "0")}`, res: r, zone: zones[i], index: i }));
}

export function hash(s: string) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

export const podCidr = (clusterIdx: number, i: number) => `10.${(100 + clusterIdx * 24 + (i >> 8)) & 255}.${i & 255}.0/24`;

/**
 * Where pod IPs come from: `cidr`, each node's /24 in 10.x (addresses nothing answers on), or `loopback`,
 * 127.<octet>.<node index>.0/24, addresses this machine answers on, so simulated pods and load balancers
 * really serve (docs/simulator.md); each cluster's octet is leased machine-wide (network/loopback.ts).
 */
export type PodNetwork = "cidr" | "loopback";
/** The most nodes per cluster the loopback pod network has room for (127.<octet>.255.0/24 is reserved). */
export const LOOPBACK_NODES_PER_CLUSTER = 255;
export const loopbackCidr = (octet: number, i: number) => `127.${octet}.${i}.0/24`;

/** A Node object; `loopbackOctet` puts its pod CIDR on the loopback pod network. */
export function nodeObject(n: NodeSpecGen, clusterIdx: number, kubeletVersion: string, loopbackOctet?: number) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const cidr = podCidr(clusterIdx, n.index);
  const pods = loopbackOctet ? loopbackCidr(loopbackOctet, n.index) : cidr;
  const cap = CAP[n.res];
  const allocatable = { ...cap, cpu: String(Number(cap.cpu) - 0.1 >= 0 ? `${Number(cap.cpu) * 1000 - 100}m` : cap.cpu) };
  return {
    metadata: {
      name: n.name,
      labels: {
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "beta.kubernetes.io/arch": "amd64",
        "node.kubernetes.io/instance-type": `sim.${n.res}`,
        "topology.kubernetes.io/zone": n.zone,
        zone: n.zone,
        res: n.res,
        [`res.${n.res}`]: "true",
      },
      annotations: { "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: {
      podCIDR: pods,
      podCIDRs: [pods],
      providerID: `sim://${n.name}`,
      ...(n.zone === "cicd" ? { taints: [{ key: "zone", value: "cicd", effect: "NoSchedule" }] } : {}),
    },
    status: {
      capacity: cap,
      allocatable,
      conditions: [
        ...(
          [
            ["MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
            ["DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
            ["PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
          ] as const
        ).map(([type, reason, message]) => ({ type, status: "False", lastHeartbeatTime: now, lastTransitionTime: now, reason, message })),
        { type: "Ready", status: "True", lastHeartbeatTime: now, lastTransitionTime: now, reason: "KubeletReady", message: "kubelet is posting ready status" },
      ],
      addresses: [
        { type: "InternalIP", address: cidr.replace(/\.0\/24$/, ".1") },
        { type: "Hostname", address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: String(hash(n.name)),
        systemUUID: `sim-${hash(n.name)}`,
        bootID: "sim",
        kernelVersion: "6.1.0-sim",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        containerRuntimeVersion: "containerd://1.7.0-sim",
        kubeletVersion,
        kubeProxyVersion: kubeletVersion,
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  };
}
