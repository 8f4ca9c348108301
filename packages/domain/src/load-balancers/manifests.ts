// An application load balancer's Kubernetes objects, as plain data (docs/load-balancers.md, "Controller"):
// a ConfigMap holding the rendered configuration, a Deployment of haproxy or nginx pods from their official
// images that mounts it, and a Service in front of those pods, all in the system's namespace and all named
// `lb-<name>`. The worker's controller applies them with server-side apply; tests validate them against the
// official schemas.
import { LABEL, type Manifest, MANAGED } from "../manifests";
import { LB_OBJECT_PREFIX } from "../names";
import { formatCpu, formatMemory } from "../quantity";
import {
  DATA_PLANE_CONFIG_DIR,
  DATA_PLANE_CONFIG_FILE,
  DATA_PLANE_IMAGES,
  HAPROXY_MASTER_PORT,
  LB_CONFIG_HASH_ANNOTATION,
  LB_KIND_ANNOTATION,
  LB_LABEL,
  LB_POD_REQUESTS,
  type LoadBalancerKindName,
} from "./data-plane";

/**
 * The name of a balancer's ConfigMap, Deployment and Service (its pods are `lb-<name>-<hash>-<suffix>`): unique in
 * the system's namespace, as balancer names are unique in the system and no group's objects begin with `lb-`
 * (LB_OBJECT_PREFIX).
 */
export const lbObjectName = (name: string) => `${LB_OBJECT_PREFIX}${name}`;

/** The labels that select a balancer's pods: its application's and its own (group pods carry `capstan.io/group` instead). */
export const lbSelector = (application: string, name: string) => ({ [LABEL.application]: application, [LB_LABEL]: name });

/** What a balancer's objects are made from. */
export interface LoadBalancerManifestInput {
  /** The system, whose namespace the balancer lives in (so the system's NetworkPolicy lets it reach the pods). */
  system: string;
  application: string;
  /** The balancer's name (a DNS-1123 label). */
  name: string;
  kind: LoadBalancerKindName;
  replicas: number;
  /** The port it listens on, 1–65535, on the pod IP and on the Service. */
  port: number;
  /** The rendered configuration (`renderDataPlane`): file name in DATA_PLANE_CONFIG_DIR[kind], its text and hash. */
  config: { file: string; text: string; hash: string };
  /**
   * ClusterIP, or LoadBalancer where the data centre's names resolve to the Service's external address
   * (DataCentre.dnsTarget SERVICE_ADDRESS: pod IPs not reachable from clients); the cluster's load-balancer
   * implementation then gives the Service that address.
   */
  serviceType: "ClusterIP" | "LoadBalancer";
}

/**
 * nginx in the foreground with a reloader beside it, in the official image's POSIX sh: open-source nginx has
 * no runtime API and does not watch its files, and the kubelet swaps a ConfigMap volume's files in place some
 * time after an apply; when the mounted file's checksum changes, `nginx -s reload` starts workers on the new
 * configuration while the old ones finish what they have in flight (up to `worker_shutdown_timeout`). SIGTERM
 * becomes SIGQUIT (nginx's graceful shutdown). `pid` and `error_log` are set on the command line, as
 * DATA_PLANE_CONFIG_FILE says.
 */
export function nginxReloaderScript(): string {
  const conf = `${DATA_PLANE_CONFIG_DIR.nginx}/${DATA_PLANE_CONFIG_FILE.nginx}`;
  return [
    `conf=${conf}; g='daemon off; pid /tmp/nginx.pid;'`,
    `nginx -e stderr -c "$conf" -g "$g" & pid=$!`,
    `( last=$(cksum < "$conf"); while sleep 1; do now=$(cksum < "$conf"); if [ "$now" != "$last" ]; then last=$now; nginx -e stderr -c "$conf" -g "$g" -s reload; fi; done ) & w=$!`,
    `trap 'kill -QUIT $pid; wait $pid; kill $w; exit 0' TERM INT`,
    `wait $pid; s=$?; kill $w; exit $s`,
  ].join("\n");
}

/** The data plane's container: command, arguments and the port it listens on. */
function container(input: LoadBalancerManifestInput) {
  const dir = DATA_PLANE_CONFIG_DIR[input.kind];
  // haproxy in master-worker mode (-W) in the foreground (-db), its master CLI (-S) on the pod IP for the
  // worker's hitless `reload`; `$(POD_IP)` is expanded by the kubelet from the container's env.
  const run =
    input.kind === "haproxy"
      ? { command: ["haproxy"], args: ["-W", "-db", "-S", `ipv4@$(POD_IP):${HAPROXY_MASTER_PORT}`, "-f", `${dir}/${DATA_PLANE_CONFIG_FILE.haproxy}`] }
      : { command: ["sh", "-c", nginxReloaderScript()] };
  return {
    name: input.kind,
    image: DATA_PLANE_IMAGES[input.kind],
    ...run,
    ports: [{ name: "lb", containerPort: input.port, protocol: "TCP" }],
    env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
    volumeMounts: [{ name: "config", mountPath: dir, readOnly: true }],
    resources: {
      requests: { cpu: formatCpu(LB_POD_REQUESTS.cpuMillicores), memory: formatMemory(LB_POD_REQUESTS.memoryMiB) },
      // CPU bursts as a shared group's does (twice its request); memory is capped at the request, so a pod
      // uses no more than the quota counted for it.
      limits: { cpu: formatCpu(LB_POD_REQUESTS.cpuMillicores * 2), memory: formatMemory(LB_POD_REQUESTS.memoryMiB) },
    },
    readinessProbe: { tcpSocket: { port: input.port }, periodSeconds: 2, failureThreshold: 2 },
  };
}

/**
 * A balancer's ConfigMap, Deployment and Service. The configuration's hash is on the ConfigMap, not on the
 * pod template: a new hash there would replace every LB pod on each change of weight or drain, which
 * haproxy applies through its runtime API and nginx through a reload, both without new pods.
 */
export function loadBalancerManifests(input: LoadBalancerManifestInput): Manifest[] {
  const name = lbObjectName(input.name);
  const selector = lbSelector(input.application, input.name);
  const labels = { ...MANAGED, [LABEL.system]: input.system, ...selector };
  const namespace = input.system;
  return [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace, labels, annotations: { [LB_CONFIG_HASH_ANNOTATION]: input.config.hash } },
      data: { [input.config.file]: input.config.text },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace, labels },
      spec: {
        replicas: input.replicas,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selector },
        // One new pod at a time before an old one goes: a balancer keeps its capacity while it rolls.
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels, annotations: { [LB_KIND_ANNOTATION]: input.kind } },
          spec: {
            // The official haproxy image runs as an unprivileged user since 2.4: let it bind ports below 1024
            // (a namespaced sysctl Kubernetes counts as safe since 1.22).
            securityContext: { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] },
            // Replicas on different nodes where possible, so one node lost leaves the balancer serving.
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 100, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: selector } } },
                ],
              },
            },
            containers: [container(input)],
            volumes: [{ name: "config", configMap: { name } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels },
      spec: { type: input.serviceType, selector, ports: [{ name: "lb", port: input.port, targetPort: "lb", protocol: "TCP" }] },
    },
  ];
}
