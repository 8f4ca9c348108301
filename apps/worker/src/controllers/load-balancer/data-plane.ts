// Brings each ready LB pod's running data plane to the rendered configuration (docs/load-balancers.md,
// "Controller"). haproxy: a pod whose configuration differs in structure (servers, options, algorithm) is
// reloaded through its master CLI (hitless: master-worker mode), and weights and states are then set through
// the runtime API, so a change of weight, drain, in or out needs no reload. nginx has no runtime API: its
// pod's reloader reloads it when the kubelet has refreshed the mounted file, and this waits for the hash.
import { CONFIG_HASH_ENV, type DataPlaneSpec, haproxyBackendName, haproxyServerState, renderDataPlane } from "@capstan/domain";
import { HaproxyRuntime, type HaproxyServerStat, haproxyMasterReload, nginxStatus } from "@capstan/orchestrator";
import type { LbPod } from "./lb-pods";

/** Each call to a data plane gives up after this long (a pod that does not answer fails this pass only). */
const CALL_TIMEOUT_MS = 3_000;
/**
 * A pod still running another structure is reloaded again only after this long: the kubelet refreshes a
 * ConfigMap volume some time after the apply (up to its sync period, about a minute), and until then a
 * reload would load the old file again.
 */
export const RELOAD_EVERY_MS = 5_000;

/** How a sync went. */
export interface DataPlaneSync {
  /** Every ready pod with a data plane runs the rendered configuration (or its structure, with the runtime set). */
  converged: boolean;
  /** A backend's current sessions summed over every LB pod, when each of them reported it in drain or maint. */
  inFlight: (pod: string) => number | undefined;
  /** Pods that could not be reached or refused, with why. */
  errors: string[];
}

/**
 * What must match without a reload: the configuration rendered with every backend in and of weight 1 (weights
 * and states are what haproxy's runtime API sets). Two configurations of the same structure differ only in
 * what the runtime API can change.
 */
export const structureOf = (spec: DataPlaneSpec) =>
  renderDataPlane({ ...spec, drainSeconds: 0, backends: spec.backends.map((b) => ({ ...b, weight: 1, state: "IN" as const })) }).hash;

/**
 * The structure of each configuration hash this worker rendered, per balancer (a pod may run an older hash
 * of the same structure: no reload then). Bounded; a worker that restarted knows none, and reloads once.
 */
const structures = new Map<string, Map<string, string>>();
const KEPT_HASHES = 32;
/** When this worker last reloaded each LB pod ("<balancer id>/<pod>"). */
const reloadedAt = new Map<string, number>();

/** Remembers that `hash` has `structure` for this balancer. */
function remember(lbId: string, hash: string, structure: string): void {
  const m = structures.get(lbId) ?? new Map<string, string>();
  m.delete(hash);
  m.set(hash, structure);
  while (m.size > KEPT_HASHES) m.delete(m.keys().next().value!);
  structures.set(lbId, m);
}

/** Forgets what this worker knows of a balancer (it is gone), or only the reload times of its pods not in `livePods`. */
export function forgetDataPlane(lbId: string, livePods?: Set<string>): void {
  if (!livePods) structures.delete(lbId);
  for (const key of reloadedAt.keys()) if (key.startsWith(`${lbId}/`) && !livePods?.has(key.slice(lbId.length + 1))) reloadedAt.delete(key);
}

const runtimeState = (status: string): "ready" | "drain" | "maint" => (status.startsWith("MAINT") ? "maint" : status.startsWith("DRAIN") ? "drain" : "ready");

/**
 * Syncs every ready LB pod that runs a data plane; never throws for one pod (see `errors`). Without `reload`,
 * a haproxy pod running another structure is only reported (not converged): the controller first sets what the
 * runtime API can, at once, and reloads after its apply has put the new file in the ConfigMap.
 */
export async function syncDataPlane(
  lbId: string,
  spec: DataPlaneSpec,
  rendered: { hash: string },
  pods: LbPod[],
  { reload, now = Date.now() }: { reload: boolean; now?: number },
): Promise<DataPlaneSync> {
  const live = pods.filter((p) => p.ready && p.ip && p.dataPlane);
  const errors: string[] = [];
  let converged = true;
  const stats: HaproxyServerStat[][] = [];
  if (spec.kind === "haproxy") remember(lbId, rendered.hash, structureOf(spec));
  await Promise.all(
    live.map(async (pod) => {
      try {
        if (spec.kind === "nginx") {
          const status = await nginxStatus(pod.ip!, { timeoutMs: CALL_TIMEOUT_MS });
          if (status.configHash !== rendered.hash) converged = false;
          return;
        }
        const s = await syncHaproxy(lbId, spec, rendered.hash, pod, reload, now);
        if (s) stats.push(s);
        else converged = false;
      } catch (e) {
        converged = false;
        errors.push(`${pod.name}: ${(e as Error).message}`);
      }
    }),
  );
  const everyPod = spec.kind === "haproxy" && live.length > 0 && stats.length === live.length;
  const inFlight = (pod: string) => {
    if (!everyPod) return undefined;
    const rows = stats.map((ss) => ss.find((s) => s.server === pod));
    if (rows.some((r) => !r || runtimeState(r.status) === "ready")) return undefined;
    return rows.reduce((n, r) => n + r!.currentSessions, 0);
  };
  forgetDataPlane(lbId, new Set(pods.map((p) => p.name)));
  return { converged, inFlight, errors };
}

/**
 * One haproxy pod: reloads it when it runs another structure (resolves to undefined: look again soon), else
 * sets each server's state and weight as rendered and resolves to the stats read before (sessions in flight).
 */
async function syncHaproxy(
  lbId: string,
  spec: DataPlaneSpec,
  hash: string,
  pod: LbPod,
  reload: boolean,
  now: number,
): Promise<HaproxyServerStat[] | undefined> {
  const runtime = new HaproxyRuntime(pod.ip!, { timeoutMs: CALL_TIMEOUT_MS });
  const running = await runtime.env(CONFIG_HASH_ENV);
  const known = structures.get(lbId);
  const sameStructure = running !== undefined && known?.get(running) !== undefined && known.get(running) === known.get(hash);
  if (running !== hash && !sameStructure) {
    const key = `${lbId}/${pod.name}`;
    if (reload && now - (reloadedAt.get(key) ?? 0) >= RELOAD_EVERY_MS) {
      await haproxyMasterReload(pod.ip!, { timeoutMs: CALL_TIMEOUT_MS });
      reloadedAt.set(key, now);
    }
    return undefined;
  }
  const backend = haproxyBackendName(spec);
  const stats = (await runtime.stats()).filter((s) => s.backend === backend);
  for (const b of spec.backends) {
    const s = stats.find((x) => x.server === b.pod);
    if (!s) continue; // same structure, so every server is there; a pod's own row in `show stat` may lag a reload
    const want = haproxyServerState(b.state, spec.stickyCookie);
    if (runtimeState(s.status) !== want) await runtime.setState(backend, b.pod, want);
    if (want === "ready" && s.weight !== b.weight) await runtime.setWeight(backend, b.pod, b.weight);
  }
  return stats;
}
