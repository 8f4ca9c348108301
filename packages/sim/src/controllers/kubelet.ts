// Simulated kubelets for every node, driven by the shared loop (no per-node timers): pod start,
// image pulls against the simulated registries, readiness, job completion, termination, logs, leases.
import type http from "node:http";
import type { Cluster } from "../cluster.js";
import type { PullCredentials } from "../harbor/registry.js";
import { recordEvent, nowIso, isTerminal } from "./util.js";
import type { Container, ContainerStatus, KubeObject, Node, Pod, PodCondition, Secret } from "../k8s/objects.js";
import { matches, parseLabelSelector, type Selector } from "../k8s/selectors.js";
import { BUILDER_ANNOTATION, runBuild, type BuildExit, type BuildRun } from "./builder.js";
import { DATA_PLANE_ANNOTATION, dataPlaneKind, hasDataPlane, runDataPlane, type DataPlaneRun } from "./data-plane.js";
import { PodServers } from "../network/pod-servers.js";
import { LogClock } from "./log-generator.js";
import { containerRun, logContainer, serveLog } from "../k8s/logs.js";

/** The longest back-off between restarts of a crashing container (kubelet's MaxContainerBackOff, 5 min). */
const MAX_CRASH_BACKOFF_MS = 300_000;

const LEASE_NS = "kube-node-lease";

export class Kubelet {
  private ipNext = new Map<string, number>();
  private handled = new Set<string>(); // pod uids with a start in flight or done
  private terminating = new Set<string>();
  /** Builder pods really running on this machine (builder.ts), by pod uid; kept for their logs until the pod goes. */
  private builds = new Map<string, BuildRun>();
  private leaseCursor = 0;
  private leaseAcc = 0;
  private lastRenew = 0;
  /** Pods (namespace + label selector) whose containers exit with code 1 soon after each start (the crashLoop fault). */
  private crashing: { namespace: string; selector: Selector }[] = [];
  /** On the loopback pod network: what ordinary pods answer (network/pod-servers.ts); undefined otherwise. */
  private servers?: PodServers;
  /** On the loopback pod network: LB pods' real haproxy/nginx (data-plane.ts), the latest run by pod uid. */
  private planes = new Map<string, { ns: string; run: DataPlaneRun }>();
  /** Data planes of pods gone, still finishing in their grace period (killed by shutdown too). */
  private dying = new Set<DataPlaneRun>();
  /** On the loopback pod network: pod IPs in use → pod uid, so a reused address is never one still bound. */
  private ipOwners = new Map<string, string>();
  /** The rate at which containers print (log-generator.ts); set by the sim option and the admin endpoint. */
  readonly logClock: LogClock;
  /**
   * When each container's last run ended, to the millisecond, by pod uid and container name: the status has
   * whole seconds, and a log read in the second its container ended must not grow after (k8s/logs.ts).
   */
  private ends = new Map<string, Map<string, { startedAt: string; ms: number }>>();
  /** Images each node has pulled ("<node> <image>"): the first start there pulls, later ones find it present. */
  private pulled = new Set<string>();

  constructor(private c: Cluster) {
    const s = c.store;
    this.logClock = new LogClock(c.opts.logLinesPerSecond);
    if (c.opts.loopbackOctet)
      this.servers = new PodServers(
        (ns, name, uid) => this.get(ns, name, uid),
        (uid, container) => c.traffic.record(uid, container),
      );
    s.listeners.push((ev) => {
      if (ev.key === "configmaps" && ev.type !== "DELETED") return this.configMapChanged(ev.obj.metadata.namespace, ev.obj.metadata.name);
      if (ev.key !== "pods") return;
      const p: Pod = ev.obj;
      const uid = p.metadata.uid!;
      if (ev.type === "DELETED" || p.metadata.deletionTimestamp) this.builds.get(uid)?.stop();
      if (ev.type === "DELETED") {
        this.builds.delete(uid);
        this.handled.delete(uid);
        this.ends.delete(uid);
        // a pod gone without a graceful termination (force-deleted) is killed; one terminating keeps its grace
        if (!this.terminating.delete(uid)) this.unplug(uid, "SIGKILL", 0);
        const run = this.planes.get(uid)?.run;
        this.planes.delete(uid);
        if (run && !run.ended) {
          this.dying.add(run);
          void run.done.then(() => this.dying.delete(run));
        }
        if (p.status?.podIP && this.ipOwners.get(p.status.podIP) === uid) this.ipOwners.delete(p.status.podIP);
        return;
      }
      if (!p.spec.nodeName) return;
      if (p.metadata.deletionTimestamp) {
        if (!this.terminating.has(uid)) {
          this.terminating.add(uid);
          // as a kubelet's SIGTERM: no new work; what is in flight has the grace period to finish
          this.unplug(uid, "SIGTERM", (p.metadata.deletionGracePeriodSeconds ?? 30) * 1000);
          this.scheduleTermination(p);
        }
        return;
      }
      if (!this.handled.has(uid) && p.status?.phase === "Pending") {
        this.handled.add(uid);
        c.loop.after(c.timings.startMs, () => this.start(p.metadata.namespace!, p.metadata.name, uid));
      }
    });
    c.handlers.log = (pod, q, res) => this.logs(pod, q, res);
    // leases: one per node, renewed in round-robin slices by the shared tick
    const nodes: Node[] = s.objects("nodes");
    for (const n of nodes) this.ensureLease(n.metadata.name);
    s.listeners.push((ev) => {
      if (ev.key === "nodes" && ev.type === "ADDED") this.ensureLease(ev.obj.metadata.name);
    });
    c.loop.periodic.push(() => this.renewLeases());
  }

  private dead(node: string) {
    return this.c.deadNodes.has(node);
  }
  private get(ns: string, name: string, uid: string) {
    const p: Pod | undefined = this.c.store.get("pods", ns, name);
    return p && p.metadata.uid === uid ? p : undefined;
  }

  /** The pod if it is still this one (same uid), running, not being deleted and on a live node; else undefined. */
  private running(ns: string, name: string, uid: string) {
    const p = this.get(ns, name, uid);
    return p && !p.metadata.deletionTimestamp && p.status?.phase === "Running" && !this.dead(p.spec.nodeName!) ? p : undefined;
  }

  /** Revived node: finish whatever its kubelet missed, and start again the containers that died with it. */
  resync(node: string) {
    const pods: Pod[] = this.c.store.objects("pods", undefined);
    for (const p of pods.filter((x) => x.spec.nodeName === node)) {
      if (p.metadata.deletionTimestamp) this.scheduleTermination(p);
      else if (p.status?.phase === "Pending") this.start(p.metadata.namespace!, p.metadata.name, p.metadata.uid!);
      else if (p.status?.phase === "Running") this.plugIn(p);
    }
  }

  /** A killed node: its pods stop answering at once and its LB pods' programs are killed. */
  nodeDown(node: string) {
    for (const p of this.c.store.objects("pods", undefined) as Pod[]) if (p.spec.nodeName === node) this.unplug(p.metadata.uid!, "SIGKILL", 0);
  }

  /** An LB pod's data-plane process (its id is also its process group's) and dir, while it runs; for tests and diagnostics. */
  dataPlane(uid: string): { pid: number; dir: string } | undefined {
    const run = this.planes.get(uid)?.run;
    return run?.pid && !run.ended ? { pid: run.pid, dir: run.dir } : undefined;
  }

  /** A revived node's kubelet starts its running pods' containers again (they serve at once). */
  nodeUp(node: string) {
    for (const p of this.c.store.objects("pods", undefined) as Pod[])
      if (p.spec.nodeName === node && p.status?.phase === "Running" && !p.metadata.deletionTimestamp) this.plugIn(p);
  }

  /** The simulator stops: every pod server is closed and every data-plane process killed (and awaited). */
  async shutdown() {
    this.servers?.close();
    const runs = [...this.planes.values()].map((x) => x.run).concat([...this.dying]);
    for (const r of runs) r.kill();
    await Promise.all(runs.map((r) => r.done));
  }

  /**
   * On the loopback pod network, a running pod's containers serve: an LB pod runs its real data plane
   * (or is marked as running without one), any other pod answers on its ports. Idempotent.
   */
  private plugIn(p: Pod) {
    if (!this.servers || !p.status?.podIP || p.metadata.annotations?.[BUILDER_ANNOTATION]) return;
    const kind = dataPlaneKind(p);
    if (!kind) return this.servers.serve(p);
    const ns = p.metadata.namespace!,
      name = p.metadata.name,
      uid = p.metadata.uid!;
    if (!hasDataPlane(kind)) {
      if (p.metadata.annotations?.[DATA_PLANE_ANNOTATION] !== "missing")
        this.c.store.mutate("pods", ns, name, (x: Pod) => {
          x.metadata.annotations = { ...x.metadata.annotations, [DATA_PLANE_ANNOTATION]: "missing" };
        });
      return;
    }
    const cur = this.planes.get(uid);
    if (cur && !cur.run.ended) return;
    const run = runDataPlane(p, kind, (cm) => this.c.store.get("configmaps", ns, cm));
    this.planes.set(uid, { ns, run });
    // a data plane that exits by itself fails its container, which restarts after a back-off (a crash loop)
    void run.done.then(({ code, stopped }) => {
      if (!stopped && this.planes.get(uid)?.run === run) this.crash(ns, name, uid, code ?? 137);
    });
  }

  /**
   * The pod's containers stop serving: SIGTERM (a graceful stop: no new connections, what is in flight has
   * `graceMs` to finish) or SIGKILL (at once).
   */
  private unplug(uid: string, signal: "SIGTERM" | "SIGKILL", graceMs: number) {
    const run = this.planes.get(uid)?.run;
    if (signal === "SIGKILL") {
      this.servers?.kill(uid);
      run?.kill();
    } else {
      this.servers?.stop(uid, graceMs);
      run?.terminate(graceMs);
    }
  }

  /** A ConfigMap changed: the LB pods mounting it see the new files (nginx's reloader reloads it). */
  private configMapChanged(ns: string, name: string) {
    for (const { ns: pns, run } of this.planes.values()) if (pns === ns && run.configMaps.includes(name)) run.refresh();
  }

  /**
   * The crash-loop fault: every container of the matching pods (in `namespace`, whose labels match the
   * `labelSelector`, e.g. `app=web`) exits with code 1 `jobRunMs` after each start, and the kubelet
   * restarts it after a back-off that doubles from `backoffMs` up to 5 min, showing the container waiting
   * with reason CrashLoopBackOff meanwhile, as a real kubelet does. Running pods that match crash at once.
   */
  crashLoop(namespace: string, labelSelector = "") {
    const rule = { namespace, selector: parseLabelSelector(labelSelector) };
    this.crashing.push(rule);
    const pods: Pod[] = this.c.store.objects("pods", namespace);
    for (const p of pods)
      if (p.status?.phase === "Running" && p.spec.restartPolicy === "Always" && matches(rule.selector, p.metadata.labels))
        this.crash(namespace, p.metadata.name, p.metadata.uid!);
  }
  /** Ends every crash-loop fault: crashed containers start normally after their current back-off. */
  clearCrashLoops() {
    this.crashing = [];
  }
  private crashes(p: Pod) {
    return p.spec.restartPolicy === "Always" && this.crashing.some((r) => r.namespace === p.metadata.namespace && matches(r.selector, p.metadata.labels));
  }

  /** A crash-looping pod's containers exit (code 1, or its data plane's code); they are restarted after a back-off. */
  private crash(ns: string, name: string, uid: string, exitCode = 1) {
    const c = this.c;
    const p = this.running(ns, name, uid);
    if (!p) return;
    const statuses = p.status?.containerStatuses ?? [];
    if (!statuses.some((cs) => cs.state?.running)) return; // already crashed, waiting for its restart
    this.unplug(uid, "SIGKILL", 0);
    const restarts = Math.max(0, ...statuses.map((cs) => cs.restartCount ?? 0)) + 1;
    const backoffMs = Math.min(MAX_CRASH_BACKOFF_MS, c.timings.backoffMs * 2 ** (restarts - 1));
    const t = nowIso();
    this.ended(uid, statuses);
    c.store.mutate(
      "pods",
      ns,
      name,
      (x: Pod) => {
        x.status!.containerStatuses = x.status!.containerStatuses!.map((cs: ContainerStatus) => ({
          ...cs,
          ready: false,
          started: false,
          restartCount: restarts,
          // kubelet's wording (pkg/kubelet/kuberuntime): "back-off 10s restarting failed container=… pod=…_ns(uid)"
          state: {
            waiting: {
              reason: "CrashLoopBackOff",
              message: `back-off ${goDuration(backoffMs)} restarting failed container=${cs.name} pod=${name}_${ns}(${uid})`,
            },
          },
          lastState: { terminated: { exitCode, reason: "Error", startedAt: cs.state?.running?.startedAt ?? t, finishedAt: t, containerID: cs.containerID } },
        }));
        x.status!.conditions = conditions(x, false, t);
      },
      { subresource: "status" },
    );
    for (const cs of statuses)
      recordEvent(c, p, "Warning", "BackOff", `Back-off restarting failed container ${cs.name} in pod ${name}_${ns}(${uid})`, "kubelet");
    c.loop.after(backoffMs, () => this.restart(ns, name, uid));
  }

  /** The kubelet's image events for a container about to start: Pulling and Pulled the first time its node
   * runs the image (or always, with imagePullPolicy Always), else Pulled "already present on machine". */
  private pullEvents(p: Pod, ctr: Container) {
    const key = `${p.spec.nodeName} ${ctr.image}`;
    if (this.pulled.has(key) && ctr.imagePullPolicy !== "Always")
      return recordEvent(this.c, p, "Normal", "Pulled", `Container image "${ctr.image}" already present on machine`, "kubelet");
    this.pulled.add(key);
    recordEvent(this.c, p, "Normal", "Pulling", `Pulling image "${ctr.image}"`, "kubelet");
    recordEvent(this.c, p, "Normal", "Pulled", `Successfully pulled image "${ctr.image}" in 0s (0s including waiting)`, "kubelet");
  }

  /** Notes that the running containers among `statuses` end now; only each one's last run is kept (what `--previous` reads). */
  private ended(uid: string, statuses: ContainerStatus[]) {
    const ms = Date.now();
    const byContainer = this.ends.get(uid) ?? new Map<string, { startedAt: string; ms: number }>();
    for (const cs of statuses) if (cs.state?.running?.startedAt) byContainer.set(cs.name, { startedAt: cs.state.running.startedAt, ms });
    this.ends.set(uid, byContainer);
  }

  /** The exact end of a container run of pod `uid` that ended (see `ends`), if this kubelet saw it end. */
  private endOf(uid: string, container: string, startedAt: string) {
    const e = this.ends.get(uid)?.get(container);
    return e?.startedAt === startedAt ? e.ms : undefined;
  }

  /** Starts a crashed pod's containers again (running; ready once their probes' delay passes). */
  private restart(ns: string, name: string, uid: string) {
    const c = this.c;
    const p = this.running(ns, name, uid);
    if (!p) return;
    const t = nowIso();
    c.store.mutate(
      "pods",
      ns,
      name,
      (x: Pod) => {
        x.status!.containerStatuses = x.status!.containerStatuses!.map((cs: ContainerStatus) => ({
          ...cs,
          started: true,
          state: { running: { startedAt: t } },
        }));
      },
      { subresource: "status" },
    );
    for (const ctr of p.spec.containers) recordEvent(c, p, "Normal", "Started", `Started container ${ctr.name}`, "kubelet");
    this.plugIn(p);
    if (this.crashes(p)) c.loop.after(c.timings.jobRunMs, () => this.crash(ns, name, uid));
    else c.loop.after(Math.max(0, ...p.spec.containers.map((ctr) => this.probeDelay(ctr))), () => this.markReady(ns, name, uid));
  }

  private probeDelay(ctr: Container) {
    return ctr.readinessProbe ? (ctr.readinessProbe.initialDelaySeconds ?? 0) * 1000 * this.c.timings.probeScale : 0;
  }

  private start(ns: string, name: string, uid: string) {
    const c = this.c;
    const p = this.get(ns, name, uid);
    if (!p || p.metadata.deletionTimestamp || p.status?.phase !== "Pending") return;
    if (this.dead(p.spec.nodeName!)) return; // resumed by resync() when the node comes back
    const credentials = this.pullCredentials(ns, p.spec.imagePullSecrets);
    const failed = p.spec.containers
      .concat(p.spec.initContainers ?? [])
      .map((ctr) => ({ name: ctr.name, image: ctr.image!, result: c.imageCheck(ctr.image!, credentials) }))
      .filter((x) => x.result !== "ok");
    if (failed.length) return this.pullFailed(p, failed);
    const t = nowIso();
    for (const ctr of p.spec.containers) this.pullEvents(p, ctr);
    const ip = this.allocIp(p.spec.nodeName!, uid);
    const delay = (ctr: Container) => this.probeDelay(ctr);
    const crashes = this.crashes(p);
    const ready = (ctr: Container) => !crashes && delay(ctr) <= 0;
    const out = c.store.mutate(
      "pods",
      ns,
      name,
      (x: Pod) => {
        const allReady = x.spec.containers.every(ready);
        x.status = {
          ...x.status,
          phase: "Running",
          hostIP: this.nodeIp(x.spec.nodeName!),
          hostIPs: [{ ip: this.nodeIp(x.spec.nodeName!) }],
          podIP: ip,
          podIPs: [{ ip }],
          startTime: x.status!.startTime ?? t,
          conditions: conditions(x, allReady, t),
          initContainerStatuses: x.spec.initContainers?.map((ctr) => ({
            name: ctr.name,
            image: ctr.image!,
            imageID: imageId(ctr.image!),
            ready: true,
            restartCount: 0,
            started: false,
            state: { terminated: { exitCode: 0, reason: "Completed", startedAt: t, finishedAt: t } },
          })),
          containerStatuses: x.spec.containers.map((ctr) => ({
            name: ctr.name,
            image: ctr.image!,
            imageID: imageId(ctr.image!),
            containerID: `containerd://${uid.replace(/-/g, "")}${ctr.name.length}`,
            ready: ready(ctr),
            started: true,
            restartCount: 0,
            state: { running: { startedAt: t } },
          })),
        };
        if (!x.status.initContainerStatuses) delete x.status.initContainerStatuses;
      },
      { subresource: "status" },
    );
    for (const ctr of p.spec.containers) {
      recordEvent(c, p, "Normal", "Created", `Created container ${ctr.name}`, "kubelet");
      recordEvent(c, p, "Normal", "Started", `Started container ${ctr.name}`, "kubelet");
    }
    if (out) this.plugIn(out);
    const maxDelay = Math.max(0, ...p.spec.containers.map(delay));
    if (crashes) c.loop.after(c.timings.jobRunMs, () => this.crash(ns, name, uid));
    else if (maxDelay > 0) c.loop.after(maxDelay, () => this.markReady(ns, name, uid));
    if (p.spec.restartPolicy !== "Always" && p.metadata.annotations?.[BUILDER_ANNOTATION]) {
      const run = runBuild(p, this.buildSecret(p));
      this.builds.set(uid, run);
      void run.done.then((exit) => this.finish(ns, name, uid, exit));
    } else if (p.spec.restartPolicy !== "Always") {
      const run = Number(p.metadata.annotations?.["sim.capstan.io/run-ms"] ?? c.timings.jobRunMs);
      c.loop.after(run, () => this.finish(ns, name, uid));
    }
    return out;
  }

  /** What a kubelet reads from the pod's dockerconfigjson pull secrets: registry host → credentials. */
  private pullCredentials(ns: string, refs: { name?: string }[] = []): PullCredentials {
    const out: PullCredentials = {};
    for (const ref of refs) {
      if (!ref.name) continue;
      const secret: Secret | undefined = this.c.store.get("secrets", ns, ref.name);
      const raw = secret?.type === "kubernetes.io/dockerconfigjson" ? secret.data?.[".dockerconfigjson"] : undefined;
      if (!raw) continue;
      try {
        // ~/.docker/config.json's shape: auths by registry host, each a base64 "user:password" or the two fields
        const auths: Record<string, { auth?: string; username?: string; password?: string }> = JSON.parse(Buffer.from(raw, "base64").toString()).auths ?? {};
        for (const [host, a] of Object.entries(auths)) {
          const [username, ...rest] = a.auth ? Buffer.from(a.auth, "base64").toString().split(":") : [a.username, a.password];
          if (username) out[host] ??= { username, password: rest.join(":") };
        }
      } catch {
        /* a malformed secret gives no credentials, as on a real node */
      }
    }
    return out;
  }

  private pullFailed(p: Pod, missing: { name: string; image: string; result: string }[]) {
    const c = this.c;
    const ns = p.metadata.namespace!,
      name = p.metadata.name,
      uid = p.metadata.uid!;
    const set = (reason: string, msgFor: (img: string) => string) =>
      c.store.mutate(
        "pods",
        ns,
        name,
        (x: Pod) => {
          x.status!.containerStatuses = x.spec.containers.map((ctr) => {
            const bad = missing.some((m) => m.name === ctr.name);
            return {
              name: ctr.name,
              image: ctr.image!,
              imageID: "",
              ready: false,
              started: false,
              restartCount: 0,
              state: { waiting: bad ? { reason, message: msgFor(ctr.image!) } : { reason: "PodInitializing" } },
            };
          });
          x.status!.conditions = conditions(x, false, nowIso(), false);
        },
        { subresource: "status" },
      );
    const why = (img: string) =>
      missing.find((m) => m.image === img)?.result === "unauthorized"
        ? `failed to pull and unpack image "${img}": failed to resolve reference "${img}": pull access denied, repository does not exist or may require authorization: authorization failed: 401 Unauthorized`
        : `failed to pull and unpack image "${img}": failed to resolve reference "${img}": ${img}: not found`;
    set("ErrImagePull", why);
    for (const m of missing) {
      recordEvent(c, p, "Normal", "Pulling", `Pulling image "${m.image}"`, "kubelet");
      recordEvent(c, p, "Warning", "Failed", `Failed to pull image "${m.image}": ${why(m.image)}`, "kubelet");
      recordEvent(c, p, "Warning", "Failed", "Error: ErrImagePull", "kubelet");
    }
    c.loop.after(c.timings.backoffMs, () => {
      const cur = this.get(ns, name, uid);
      if (!cur || cur.metadata.deletionTimestamp || cur.status?.phase !== "Pending") return;
      set("ImagePullBackOff", (img) => `Back-off pulling image "${img}"`);
      for (const m of missing) recordEvent(c, p, "Normal", "BackOff", `Back-off pulling image "${m.image}"`, "kubelet");
      // retry: the image may have been pushed meanwhile
      c.loop.after(c.timings.backoffMs, () => this.start(ns, name, uid));
    });
  }

  private markReady(ns: string, name: string, uid: string) {
    const p = this.running(ns, name, uid);
    if (!p) return;
    if (!p.status?.containerStatuses?.every((cs) => cs.state?.running)) return; // crashed meanwhile
    this.c.store.mutate(
      "pods",
      ns,
      name,
      (x: Pod) => {
        x.status!.containerStatuses = x.status!.containerStatuses!.map((cs) => ({ ...cs, ready: true }));
        x.status!.conditions = conditions(x, true, nowIso());
      },
      { subresource: "status" },
    );
  }

  /** The Secret of a builder pod's first secret volume (its push credential), if it exists. */
  private buildSecret(p: Pod): Secret | undefined {
    const name = p.spec.volumes?.find((v) => v.secret?.secretName)?.secret?.secretName;
    return name ? this.c.store.get("secrets", p.metadata.namespace!, name) : undefined;
  }

  /** A Job pod's containers end: with the builder's exit (code and termination message), else as annotated (default 0). */
  private finish(ns: string, name: string, uid: string, exit?: BuildExit) {
    const c = this.c;
    const p = this.get(ns, name, uid);
    if (!p || p.status?.phase !== "Running" || this.dead(p.spec.nodeName!)) return;
    const code = exit?.exitCode ?? Number(p.metadata.annotations?.["sim.capstan.io/exit-code"] ?? 0);
    const t = nowIso();
    this.ended(uid, p.status?.containerStatuses ?? []);
    this.unplug(uid, "SIGKILL", 0);
    c.store.mutate(
      "pods",
      ns,
      name,
      (x: Pod) => {
        x.status!.phase = code === 0 ? "Succeeded" : "Failed";
        x.status!.conditions = conditions(x, false, t).map((q) => (q.type === "Ready" || q.type === "ContainersReady" ? { ...q, reason: "PodCompleted" } : q));
        x.status!.containerStatuses = x.status!.containerStatuses!.map((cs: ContainerStatus) => ({
          ...cs,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode: code,
              reason: code === 0 ? "Completed" : "Error",
              ...(exit?.message ? { message: exit.message } : {}),
              startedAt: cs.state?.running?.startedAt ?? t,
              finishedAt: t,
              containerID: cs.containerID,
            },
          },
        }));
      },
      { subresource: "status" },
    );
  }

  private scheduleTermination(p: Pod) {
    const c = this.c;
    const graceMs = (p.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const ns = p.metadata.namespace!,
      name = p.metadata.name,
      uid = p.metadata.uid!;
    c.loop.after(Math.min(graceMs, c.timings.terminationMs), () => {
      const cur = this.get(ns, name, uid);
      if (!cur) return;
      if (this.dead(cur.spec.nodeName!)) {
        this.terminating.delete(uid);
        return;
      } // stays Terminating, like real life
      if (cur.metadata.finalizers?.length) return;
      recordEvent(c, cur, "Normal", "Killing", `Stopping container ${cur.spec.containers[0]?.name}`, "kubelet");
      c.store.remove("pods", ns, name);
    });
  }

  // ---- networking helpers ----
  private nodeIp(node: string) {
    const n: Node | undefined = this.c.store.get("nodes", "", node);
    return n?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "10.0.0.1";
  }
  private allocIp(node: string, uid: string) {
    const obj: Node | undefined = this.c.store.get("nodes", "", node);
    const cidr = obj?.spec?.podCIDR ?? "10.244.0.0/24";
    let n = this.ipNext.get(node) ?? 0;
    let ip: string;
    // on the loopback network an address is bound by its pod's servers: skip those in use (253 per node)
    let tries = 0;
    do ip = cidr.replace(/\.0\/24$/, `.${(++n % 253) + 2}`);
    while (this.servers && this.ipOwners.has(ip) && ++tries < 253);
    this.ipNext.set(node, n);
    if (this.servers) this.ipOwners.set(ip, uid);
    return ip;
  }

  // ---- leases ----
  private ensureLease(node: string) {
    const s = this.c.store;
    if (s.get("coordination.k8s.io/leases", LEASE_NS, node)) return;
    const n: Node | undefined = s.get("nodes", "", node);
    s.create("coordination.k8s.io/leases", {
      metadata: { name: node, namespace: LEASE_NS, ownerReferences: n ? [{ apiVersion: "v1", kind: "Node", name: node, uid: n.metadata.uid }] : undefined },
      spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime: microNow() },
    });
  }
  private renewLeases() {
    const c = this.c;
    const every = c.timings.leaseRenewMs;
    if (!every) return;
    const nodes = c.store.table("nodes").ns("")!;
    const names = [...nodes.keys()];
    if (!names.length) return;
    // spread renewals evenly, by elapsed time (not tick count: ticks stretch when the process is busy)
    const now = Date.now();
    const elapsed = this.lastRenew ? now - this.lastRenew : c.loop.tickMs;
    this.lastRenew = now;
    this.leaseAcc += (names.length * Math.min(elapsed, every)) / every;
    let k = Math.floor(this.leaseAcc);
    this.leaseAcc -= k;
    k = Math.min(k, names.length);
    for (let i = 0; i < k; i++) {
      const node = names[(this.leaseCursor + i) % names.length]!;
      if (this.dead(node)) continue;
      c.store.mutate("coordination.k8s.io/leases", LEASE_NS, node, (l: KubeObject & { spec: { renewTime?: string } }) => {
        l.spec.renewTime = microNow();
      });
    }
    this.leaseCursor = (this.leaseCursor + k) % names.length;
  }

  // ---- logs ----
  /**
   * A container's log: a builder's or data plane's real output, else the simulated lines of
   * log-generator.ts, served with every PodLogOptions (k8s/logs.ts).
   */
  private logs(pod: Pod, q: URLSearchParams, res: http.ServerResponse) {
    const run = this.builds.get(pod.metadata.uid!) ?? this.planes.get(pod.metadata.uid!)?.run;
    if (run) {
      logContainer(pod, q.get("container") || undefined);
      return buildLog(run, q.get("follow") === "true", res);
    }
    const ns = pod.metadata.namespace!,
      name = pod.metadata.name,
      uid = pod.metadata.uid!;
    const endOf = (container: string, startedAt: string) => this.endOf(uid, container, startedAt);
    serveLog(
      this.logClock,
      pod,
      q,
      res,
      (container, previous) => {
        const cur = this.get(ns, name, uid);
        try {
          return cur && !isTerminal(cur) ? containerRun(cur, container, previous, endOf) : undefined;
        } catch {
          return undefined;
        }
      },
      endOf,
    );
  }
}

/** A builder's or data plane's real output; with follow, what comes next until it ends or the client goes. */
function buildLog(run: Pick<BuildRun, "log" | "ended" | "listeners">, follow: boolean, res: http.ServerResponse) {
  res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" });
  for (const chunk of run.log) res.write(chunk);
  if (!follow || run.ended) return res.end();
  const listener = (chunk: string | null) => (chunk === null ? res.end() : res.write(chunk));
  run.listeners.add(listener);
  res.on("close", () => run.listeners.delete(listener));
}

/** A duration as Go's time.Duration.String() prints it: "300ms", "10s", "1m20s", "5m0s". */
const goDuration = (ms: number) => {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
};
const microNow = () =>
  new Date()
    .toISOString()
    .replace("Z", "000Z")
    .replace(/(\.\d{6})\d*Z$/, "$1Z");
const imageId = (img: string) => `${img.split(":")[0]}@sha256:${Buffer.from(img).toString("hex").padEnd(64, "0").slice(0, 64)}`;

function conditions(p: Pod, ready: boolean, t: string, initialized = true): PodCondition[] {
  const prev = (type: string) => p.status?.conditions?.find((x) => x.type === type);
  const c = (type: string, ok: boolean, reason?: string) => {
    const st = ok ? "True" : "False";
    const pv = prev(type);
    return { type, status: st, lastProbeTime: null, lastTransitionTime: pv?.status === st ? pv.lastTransitionTime : t, ...(reason && !ok ? { reason } : {}) };
  };
  return [
    c("PodReadyToStartContainers", initialized),
    c("Initialized", true),
    c("Ready", ready, "ContainersNotReady"),
    c("ContainersReady", ready, "ContainersNotReady"),
    prev("PodScheduled") ?? c("PodScheduled", true),
  ];
}
