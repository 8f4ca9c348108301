// The contract between the parts of an application load balancer (docs/load-balancers.md): what the
// configuration renderers take, what the worker's controller applies, and what the simulated kubelet runs.
// A balancer is `replicas` haproxy or nginx pods (a Deployment), a ConfigMap holding the rendered
// configuration and a Service, in the system's namespace; its backends are pod IPs, so one pod can be
// taken out on its own.

/** The two data planes; haproxy is the default. */
export type LoadBalancerKindName = "haproxy" | "nginx";

/**
 * Balancing algorithms per kind, in each program's own words: haproxy's `balance` (roundrobin,
 * leastconn, source) and nginx's upstream methods (round_robin is nginx's default and has no directive;
 * least_conn; ip_hash). Source: the HAProxy 2.6 configuration manual and nginx's ngx_http_upstream_module.
 */
export const LOAD_BALANCER_ALGORITHMS = {
  haproxy: ["roundrobin", "leastconn", "source"],
  nginx: ["round_robin", "least_conn", "ip_hash"],
} as const satisfies Record<LoadBalancerKindName, readonly string[]>;

/** Each kind's default algorithm. */
export const DEFAULT_ALGORITHM: Record<LoadBalancerKindName, string> = { haproxy: "roundrobin", nginx: "round_robin" };

/** A backend's (a member group's or one pod's) state: in, draining (no new work; in flight finishes), out. */
export type BackendStateName = "IN" | "DRAINING" | "OUT";

/** Weights of members, as haproxy's server weights: 0–256 (0 takes no new traffic). */
export const MAX_WEIGHT = 256;

/** One pod behind the balancer. */
export interface Backend {
  /** The pod's name (the server's name in haproxy's backend; unique in a balancer). */
  pod: string;
  /** The member group it belongs to. */
  group: string;
  /** The pod's IP. */
  address: string;
  /** The container port it serves on. */
  port: number;
  /** Its server weight, 0–256, as `serverWeights` computes from its group's weight. */
  weight: number;
  /** The stricter of its group's and its own state. */
  state: BackendStateName;
}

/** The balancer's settings as the renderers take them (units: seconds). */
export interface DataPlaneSpec {
  /** The balancer's name (used in the configuration's section names). */
  name: string;
  kind: LoadBalancerKindName;
  /** 1–65535. */
  port: number;
  protocol: "HTTP" | "TCP";
  /** One of LOAD_BALANCER_ALGORITHMS[kind]. */
  algorithm: string;
  /** `path` only for HTTP; interval in seconds; rise/fall: checks in a row to be up/down. */
  healthCheck: { path?: string; intervalSeconds: number; rise: number; fall: number };
  timeouts: { connectSeconds: number; clientSeconds: number; serverSeconds: number };
  stickyCookie: string | null;
  forwardedFor: boolean;
  maxConnPerBackend: number | null;
  /** The longest drain asked of any backend now draining (nginx: the old workers' shutdown timeout). */
  drainSeconds: number;
  backends: Backend[];
}

/** Where the rendered configuration is mounted in an LB pod (the ConfigMap's volume) and its file per kind. */
export const DATA_PLANE_CONFIG_DIR = { haproxy: "/usr/local/etc/haproxy", nginx: "/etc/nginx/capstan" } as const;
/**
 * The file in that directory. nginx's is a whole `nginx.conf` (events and http or stream; no `pid`,
 * `user` or `error_log`, which the command line sets), run as `nginx -c <dir>/nginx.conf`, because a TCP
 * balancer needs a `stream` block the official image's conf.d include cannot hold.
 */
export const DATA_PLANE_CONFIG_FILE = { haproxy: "haproxy.cfg", nginx: "nginx.conf" } as const;

/**
 * haproxy's runtime API (the "stats socket", level admin) on TCP in each LB pod, bound to the pod IP:
 * weights, drain, ready/maint and `show stat` without a reload. The worker reaches pod IPs directly (as
 * JDOS gives every pod a routable IP); the system's NetworkPolicy lets only Capstan's workers in.
 */
export const HAPROXY_RUNTIME_PORT = 9999;
/** haproxy's master CLI (master-worker mode, `-S`): `reload` for a hitless reload after a structural change. */
export const HAPROXY_MASTER_PORT = 9998;
/**
 * The rendered configuration's hash is carried inside it, so the worker can tell which configuration a pod
 * runs (a ConfigMap volume is refreshed by the kubelet some time after the apply): haproxy sets it as an
 * environment variable (`setenv`), read back with the runtime API's `show env`; nginx answers it on its
 * status port.
 */
export const CONFIG_HASH_ENV = "CAPSTAN_CONFIG_HASH";
/**
 * nginx's status server in each LB pod, on the pod IP: `GET /capstan/config-hash` (the hash above) and
 * `GET /stub_status` (open-source nginx's only counters: connections and requests, not per backend).
 * Open-source nginx has no runtime API: each change is rendered and the pod's reloader runs
 * `nginx -s reload` once the mounted file changed (old workers finish what is in flight).
 */
export const NGINX_STATUS_PORT = 9999;

/** Labels and annotations on a balancer's Kubernetes objects. */
export const LB_LABEL = "capstan.io/load-balancer";
/** On the LB pods: the data plane's kind, so the simulated kubelet knows which real program to run. */
export const LB_KIND_ANNOTATION = "lb.capstan.io/kind";
/** On the pod template: a hash of the rendered configuration (a structural change is seen by every pod). */
export const LB_CONFIG_HASH_ANNOTATION = "lb.capstan.io/config-hash";

/** Official images of the data planes (Docker Hub's official images; a data centre may mirror them). */
export const DATA_PLANE_IMAGES: Record<LoadBalancerKindName, string> = { haproxy: "haproxy:2.6", nginx: "nginx:1.22" };

/** What each LB pod requests (the quota counts it × replicas): CPU in millicores, memory in MiB. */
export const LB_POD_REQUESTS = { cpuMillicores: 100, memoryMiB: 128 } as const;
