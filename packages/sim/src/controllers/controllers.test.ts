// Scheduler, quota, limit ranges, GC, jobs, image pulls, PDB eviction, node failure.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as k8s from "@kubernetes/client-node";
import { testSim, type TestSim, until } from "../testing.js";

let sim: TestSim;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let batch: k8s.BatchV1Api;
let policy: k8s.PolicyV1Api;
const NS = "ct";
beforeAll(async () => {
  sim = await testSim({ nodes: 10, seed: 7 });
  core = sim.kc.makeApiClient(k8s.CoreV1Api);
  apps = sim.kc.makeApiClient(k8s.AppsV1Api);
  batch = sim.kc.makeApiClient(k8s.BatchV1Api);
  policy = sim.kc.makeApiClient(k8s.PolicyV1Api);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});
afterAll(() => sim.stop());

const errBody = async (p: Promise<unknown>) => {
  try {
    await p;
    return undefined;
  } catch (e) {
    const body = (e as { body?: unknown }).body;
    return typeof body === "string" ? JSON.parse(body) : body;
  }
};
const pod = (name: string, spec: Partial<k8s.V1PodSpec> = {}, ctr: Partial<k8s.V1Container> = {}, meta: Partial<k8s.V1ObjectMeta> = {}): k8s.V1Pod => ({
  metadata: { name, ...meta },
  spec: { containers: [{ name: "c", image: "busybox:1.36", ...ctr }], ...spec },
});
const nodes = () => sim.clusters[0].store.objects("nodes");
const get = (name: string) => core.readNamespacedPod({ name, namespace: NS });
const scheduledOn = (name: string) => until(async () => (await get(name)).spec?.nodeName, 5000, `${name} scheduled`);
const pendingReason = (name: string) =>
  until(
    async () => (await get(name)).status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False")?.message,
    5000,
    `${name} unschedulable`,
  );

describe("scheduler", () => {
  it("nodeSelector, taints/tolerations and required affinity", async () => {
    const gpuNodes = nodes()
      .filter((n) => n.metadata.labels.res === "gpu")
      .map((n) => n.metadata.name);
    await core.createNamespacedPod({ namespace: NS, body: pod("sel", { nodeSelector: { res: "gpu" }, tolerations: [{ key: "zone", operator: "Exists" }] }) });
    expect(gpuNodes).toContain(await scheduledOn("sel"));
    const cicd = nodes()
      .filter((n) => n.metadata.labels.zone === "cicd")
      .map((n) => n.metadata.name);
    await core.createNamespacedPod({ namespace: NS, body: pod("cicd-no-tol", { nodeSelector: { zone: "cicd" } }) });
    expect(await pendingReason("cicd-no-tol")).toMatch(
      /^0\/10 nodes are available: 1 node\(s\) had untolerated taint \{zone: cicd\}, 9 node\(s\) didn't match Pod's node affinity\/selector\. preemption: 0\/10 nodes are available: 10 Preemption is not helpful for scheduling\.$/,
    );
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("cicd-tol", { nodeSelector: { zone: "cicd" }, tolerations: [{ key: "zone", operator: "Equal", value: "cicd", effect: "NoSchedule" }] }),
    });
    expect(cicd).toContain(await scheduledOn("cicd-tol"));
    const affinity = (op: string, values?: string[]) => ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "res", operator: op, values }] }] } },
    });
    await core.createNamespacedPod({ namespace: NS, body: pod("aff-in", { affinity: affinity("In", ["ssd"]) }) });
    const onIn = await scheduledOn("aff-in");
    expect(nodes().find((n) => n.metadata.name === onIn).metadata.labels.res).toBe("ssd");
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("aff-notin", { affinity: affinity("NotIn", ["ssd", "normal"]), tolerations: [{ operator: "Exists" }] }),
    });
    const onNotIn = await scheduledOn("aff-notin");
    expect(nodes().find((n) => n.metadata.name === onNotIn).metadata.labels.res).toBe("gpu");
    await core.createNamespacedPod({ namespace: NS, body: pod("aff-dne", { affinity: affinity("DoesNotExist") }) });
    expect(await pendingReason("aff-dne")).toContain("didn't match Pod's node affinity/selector");
  });

  it("preferred affinity and Gt", async () => {
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("pref", {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, preference: { matchExpressions: [{ key: "res", operator: "In", values: ["ssd"] }] } },
            ],
          },
        },
      }),
    });
    const on = await scheduledOn("pref");
    expect(nodes().find((n) => n.metadata.name === on).metadata.labels.res).toBe("ssd");
    sim.clusters[0].store.mutate("nodes", "", nodes()[0].metadata.name, (n) => {
      n.metadata.labels.rank = "5";
    });
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("gt", {
        tolerations: [{ operator: "Exists" }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "rank", operator: "Gt", values: ["3"] }] }] },
          },
        },
      }),
    });
    expect(await scheduledOn("gt")).toBe(nodes()[0].metadata.name);
  });

  it("resource fit: insufficient GPU and cordoned nodes", async () => {
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("gpu-huge", { tolerations: [{ operator: "Exists" }] }, { resources: { limits: { "nvidia.com/gpu": "64" } } }),
    });
    expect(await pendingReason("gpu-huge")).toMatch(/0\/10 nodes are available: 10 Insufficient nvidia\.com\/gpu\./);
    const ev = await until(
      async () =>
        (await core.listNamespacedEvent({ namespace: NS, fieldSelector: "involvedObject.name=gpu-huge" })).items.find((e) => e.reason === "FailedScheduling"),
      5000,
      "event",
    );
    expect(ev.type).toBe("Warning");
    for (const n of nodes())
      sim.clusters[0].store.mutate("nodes", "", n.metadata.name, (x) => {
        x.spec.unschedulable = true;
      });
    await core.createNamespacedPod({ namespace: NS, body: pod("cordoned", { tolerations: [{ key: "zone", operator: "Exists" }] }) });
    expect(await pendingReason("cordoned")).toContain("10 node(s) were unschedulable");
    for (const n of nodes())
      sim.clusters[0].store.mutate("nodes", "", n.metadata.name, (x) => {
        delete x.spec.unschedulable;
      });
    await scheduledOn("cordoned"); // retried once nodes change
  });
});

describe("admission: quota and limit ranges", () => {
  it("LimitRange defaults, ResourceQuota rejection with the real message, status.used", async () => {
    await core.createNamespace({ body: { metadata: { name: "q" } } });
    await core.createNamespacedLimitRange({
      namespace: "q",
      body: {
        metadata: { name: "lr" },
        spec: { limits: [{ type: "Container", _default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "250m", memory: "128Mi" } }] },
      },
    });
    await core.createNamespacedResourceQuota({
      namespace: "q",
      body: { metadata: { name: "rq" }, spec: { hard: { "requests.cpu": "1", "requests.memory": "1Gi", pods: "3", "requests.nvidia.com/gpu": "0" } } },
    });
    const p = await core.createNamespacedPod({ namespace: "q", body: pod("a") });
    expect(JSON.parse(JSON.stringify(p.spec?.containers[0].resources))).toEqual({
      limits: { cpu: "500m", memory: "256Mi" },
      requests: { cpu: "250m", memory: "128Mi" },
    });
    // its own limit: under the LimitRange's default limit (500m) a request of 1 would be invalid (requests ≤ limits) before quota is asked
    const big = await errBody(
      core.createNamespacedPod({ namespace: "q", body: pod("big", {}, { resources: { requests: { cpu: "1" }, limits: { cpu: "1" } } }) }),
    );
    expect(big).toMatchObject({ code: 403, reason: "Forbidden" });
    expect(big.message).toBe('pods "big" is forbidden: exceeded quota: rq, requested: requests.cpu=1, used: requests.cpu=250m, limited: requests.cpu=1');
    const gpu = await errBody(core.createNamespacedPod({ namespace: "q", body: pod("gpu", {}, { resources: { limits: { "nvidia.com/gpu": "1" } } }) }));
    expect(gpu.message).toContain("exceeded quota: rq, requested: requests.nvidia.com/gpu=1");
    const rq = await until(
      async () => {
        const q = await core.readNamespacedResourceQuota({ name: "rq", namespace: "q" });
        return q.status?.used?.pods === "1" && q;
      },
      5000,
      "quota status",
    );
    expect(rq.status?.used).toMatchObject({ "requests.cpu": "250m", "requests.memory": "128Mi", pods: "1" });
    await core.deleteNamespacedLimitRange({ name: "lr", namespace: "q" });
    const none = await errBody(core.createNamespacedPod({ namespace: "q", body: pod("noreq") }));
    expect(none.message).toBe('pods "noreq" is forbidden: failed quota: rq: must specify requests.cpu for: c; requests.memory for: c');
  });
});

describe("workload controllers", () => {
  it("deployment -> RS -> pods, endpoints, GC on delete", async () => {
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: "d" },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "d" } },
          template: {
            metadata: { labels: { app: "d" } },
            spec: {
              containers: [
                { name: "c", image: "nginx", ports: [{ containerPort: 80, name: "http" }], readinessProbe: { initialDelaySeconds: 2, httpGet: { port: 80 } } },
              ],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: NS,
      body: { metadata: { name: "d" }, spec: { selector: { app: "d" }, ports: [{ port: 80, targetPort: "http" }] } },
    });
    await until(async () => (await apps.readNamespacedDeployment({ name: "d", namespace: NS })).status?.availableReplicas === 3, 5000, "available");
    const ep = await until(async () => {
      const e = await core.readNamespacedEndpoints({ name: "d", namespace: NS });
      return e.subsets?.[0]?.addresses?.length === 3 && e;
    });
    expect(ep.subsets?.[0].ports?.[0].port).toBe(80);
    const slices = await sim.kc.makeApiClient(k8s.DiscoveryV1Api).listNamespacedEndpointSlice({ namespace: NS, labelSelector: "kubernetes.io/service-name=d" });
    expect(slices.items[0].endpoints).toHaveLength(3);
    await apps.deleteNamespacedDeployment({ name: "d", namespace: NS });
    await until(async () => (await core.listNamespacedPod({ namespace: NS, labelSelector: "app=d" })).items.length === 0, 5000, "pods gone");
    expect((await apps.listNamespacedReplicaSet({ namespace: NS })).items).toHaveLength(0);
  });

  it("job runs to completion; failing job hits backoffLimit", async () => {
    await batch.createNamespacedJob({
      namespace: NS,
      body: {
        metadata: { name: "j" },
        spec: { completions: 2, parallelism: 2, template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } } },
      },
    });
    const j = await until(
      async () => {
        const x = await batch.readNamespacedJob({ name: "j", namespace: NS });
        return x.status?.succeeded === 2 && x;
      },
      5000,
      "job complete",
    );
    expect(j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True")).toBe(true);
    await batch.createNamespacedJob({
      namespace: NS,
      body: {
        metadata: { name: "jf" },
        spec: {
          backoffLimit: 1,
          template: {
            metadata: { annotations: { "sim.capstan.io/exit-code": "1" } },
            spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] },
          },
        },
      },
    });
    await until(
      async () => (await batch.readNamespacedJob({ name: "jf", namespace: NS })).status?.conditions?.some((c) => c.type === "Failed"),
      5000,
      "job failed",
    );
  });

  it("DaemonSet: one pod per node whose taints it tolerates, cordoned nodes included; a deleted pod comes back; GC on delete", async () => {
    const untainted = nodes()
      .filter((n) => !(n.spec?.taints ?? []).some((t: { effect: string }) => t.effect === "NoSchedule"))
      .map((n) => n.metadata.name)
      .sort();
    const cordoned = untainted[0];
    sim.clusters[0].store.mutate("nodes", "", cordoned, (n) => {
      n.spec.unschedulable = true;
    });
    await apps.createNamespacedDaemonSet({
      namespace: NS,
      body: {
        metadata: { name: "agent" },
        spec: {
          selector: { matchLabels: { app: "agent" } },
          template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "c", image: "busybox" }] } },
        },
      },
    });
    const daemonPods = () =>
      core.listNamespacedPod({ namespace: NS, labelSelector: "app=agent" }).then((l) => l.items.filter((p) => !p.metadata?.deletionTimestamp));
    const ds = await until(
      async () => {
        const x = await apps.readNamespacedDaemonSet({ name: "agent", namespace: NS });
        return x.status?.numberReady === untainted.length && x;
      },
      5000,
      "daemon pods ready",
    );
    expect(ds.status).toMatchObject({ desiredNumberScheduled: untainted.length, currentNumberScheduled: untainted.length, numberMisscheduled: 0 });
    const pods = await daemonPods();
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(untainted);
    expect(pods[0].metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: "DaemonSet", name: "agent", controller: true })]);
    expect(pods[0].spec?.tolerations).toContainEqual({ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" });
    const gone = pods.find((p) => p.spec?.nodeName === cordoned)!;
    await core.deleteNamespacedPod({ name: gone.metadata!.name!, namespace: NS, gracePeriodSeconds: 0 });
    await until(
      async () => (await daemonPods()).some((p) => p.spec?.nodeName === cordoned && p.metadata?.name !== gone.metadata?.name),
      5000,
      "the pod back on the cordoned node",
    );
    await apps.deleteNamespacedDaemonSet({ name: "agent", namespace: NS });
    await until(async () => (await daemonPods()).length === 0, 5000, "daemon pods gone");
    sim.clusters[0].store.mutate("nodes", "", cordoned, (n) => {
      n.spec.unschedulable = false;
    });
  });

  it("a bare pod with an emptyDir volume is scheduled, runs, and is evicted for good (nothing recreates it)", async () => {
    await core.createNamespacedPod({
      namespace: NS,
      body: pod("bare", { volumes: [{ name: "scratch", emptyDir: {} }] }, { volumeMounts: [{ name: "scratch", mountPath: "/scratch" }] }),
    });
    await until(async () => (await get("bare")).status?.phase === "Running", 5000, "bare running");
    await core.createNamespacedPodEviction({ name: "bare", namespace: NS, body: { metadata: { name: "bare", namespace: NS } } });
    await until(async () => (await errBody(get("bare")))?.code === 404, 5000, "bare gone");
  });

  it("PDB blocks eviction with 429", async () => {
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: "p" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "p" } },
          template: { metadata: { labels: { app: "p" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
        },
      },
    });
    await policy.createNamespacedPodDisruptionBudget({
      namespace: NS,
      body: { metadata: { name: "pdb" }, spec: { minAvailable: 2, selector: { matchLabels: { app: "p" } } } },
    });
    await until(async () => (await apps.readNamespacedDeployment({ name: "p", namespace: NS })).status?.readyReplicas === 2);
    const pdb = await until(async () => {
      const x = await policy.readNamespacedPodDisruptionBudget({ name: "pdb", namespace: NS });
      return x.status?.currentHealthy === 2 && x;
    });
    expect(pdb.status?.disruptionsAllowed).toBe(0);
    const victim = (await core.listNamespacedPod({ namespace: NS, labelSelector: "app=p" })).items[0].metadata!.name!;
    const e = await errBody(core.createNamespacedPodEviction({ name: victim, namespace: NS, body: { metadata: { name: victim, namespace: NS } } }));
    expect(e).toMatchObject({ code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." });
    await policy.patchNamespacedPodDisruptionBudget(
      { name: "pdb", namespace: NS, body: { spec: { minAvailable: 1 } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    await until(async () => (await policy.readNamespacedPodDisruptionBudget({ name: "pdb", namespace: NS })).status?.disruptionsAllowed === 1);
    await core.createNamespacedPodEviction({ name: victim, namespace: NS, body: { metadata: { name: victim, namespace: NS } } });
  });
});

describe("rollouts at quota", () => {
  it("a surge pod the quota refuses: ReplicaFailure on the ReplicaSet and the Deployment, gone once Recreate rolls it", async () => {
    await core.createNamespace({ body: { metadata: { name: "rq1" } } });
    await core.createNamespacedResourceQuota({ namespace: "rq1", body: { metadata: { name: "rq" }, spec: { hard: { "requests.cpu": "1", pods: "10" } } } });
    const template = (v: string) => ({
      metadata: { labels: { app: "full" }, annotations: { v } },
      spec: { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "1" } } }] },
    });
    await apps.createNamespacedDeployment({
      namespace: "rq1",
      body: { metadata: { name: "full" }, spec: { replicas: 1, selector: { matchLabels: { app: "full" } }, template: template("1") } },
    });
    const read = () => apps.readNamespacedDeployment({ name: "full", namespace: "rq1" });
    await until(async () => (await read()).status?.availableReplicas === 1, 5000, "available");
    // the default strategy (maxSurge 25 % → 1, maxUnavailable 25 % → 0) needs a second pod first
    const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
    await apps.patchNamespacedDeployment({ name: "full", namespace: "rq1", body: { spec: { template: template("2") } } }, merge);
    const stuck = await until(
      async () => (await read()).status?.conditions?.find((c) => c.type === "ReplicaFailure"),
      5000,
      "ReplicaFailure on the Deployment",
    );
    expect(stuck).toMatchObject({
      status: "True",
      reason: "FailedCreate",
      message: expect.stringMatching(
        /^pods "full-\w+-\w+" is forbidden: exceeded quota: rq, requested: requests.cpu=1, used: requests.cpu=1, limited: requests.cpu=1$/,
      ),
    });
    const rss = (await apps.listNamespacedReplicaSet({ namespace: "rq1" })).items;
    const newest = rss.find((r) => r.metadata?.annotations?.["deployment.kubernetes.io/revision"] === "2")!;
    expect(newest.status?.conditions).toEqual([
      expect.objectContaining({ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: stuck.message }),
    ]);
    // as the API server validates a strategy: Recreate without rollingUpdate, never both maxima 0
    const refused = await errBody(
      apps.patchNamespacedDeployment({ name: "full", namespace: "rq1", body: { spec: { strategy: { type: "Recreate" } } } }, merge),
    );
    expect(refused.message).toBe(
      "Deployment.apps \"full\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
    const zero = await errBody(
      apps.patchNamespacedDeployment(
        { name: "full", namespace: "rq1", body: { spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } } },
        merge,
      ),
    );
    expect(zero.message).toContain("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0");
    // stop-then-start frees the quota before the new pod is made: the rollout completes, the failure clears
    await apps.patchNamespacedDeployment({ name: "full", namespace: "rq1", body: { spec: { strategy: { type: "Recreate", rollingUpdate: null } } } }, merge);
    const done = await until(
      async () => {
        const d = await read();
        return d.status?.updatedReplicas === 1 && d.status?.availableReplicas === 1 && d.status?.replicas === 1 && d;
      },
      8000,
      "the rollout to complete",
    );
    expect(done.status?.conditions?.map((c) => c.type)).not.toContain("ReplicaFailure");
    const pods = (await core.listNamespacedPod({ namespace: "rq1" })).items;
    expect(pods.map((p) => p.metadata?.annotations?.v)).toEqual(["2"]);
  });
});

describe("binding", () => {
  it("a pod for another scheduler waits until bound via pods/binding, then runs", async () => {
    await core.createNamespacedPod({ namespace: NS, body: pod("custom", { schedulerName: "my-scheduler" }) });
    await new Promise((r) => setTimeout(r, 150));
    expect((await get("custom")).spec?.nodeName).toBeUndefined();
    const node = nodes().find((n) => n.metadata.labels.zone === "default").metadata.name;
    await core.createNamespacedPodBinding({
      name: "custom",
      namespace: NS,
      body: { metadata: { name: "custom" }, target: { apiVersion: "v1", kind: "Node", name: node } },
    });
    await until(async () => (await get("custom")).status?.phase === "Running", 5000, "bound pod running");
    expect((await get("custom")).spec?.nodeName).toBe(node);
    const again = await errBody(
      core.createNamespacedPodBinding({
        name: "custom",
        namespace: NS,
        body: { metadata: { name: "custom" }, target: { apiVersion: "v1", kind: "Node", name: node } },
      }),
    );
    expect(again.code).toBe(409);
  });
});

describe("kubelet", () => {
  it("missing image in a simulated registry -> ErrImagePull then ImagePullBackOff", async () => {
    const reg = new URL(sim.dataCentres[0].registryInfo.url).host;
    await core.createNamespacedPod({ namespace: NS, body: pod("pull", {}, { image: `${reg}/library/nope:1.0` }) });
    const reasons = new Set<string>();
    await until(
      async () => {
        const r = (await get("pull")).status?.containerStatuses?.[0]?.state?.waiting?.reason;
        if (r) reasons.add(r);
        return r === "ImagePullBackOff";
      },
      5000,
      "backoff",
    );
    expect(reasons.has("ImagePullBackOff")).toBe(true);
    await core.createNamespacedPod({ namespace: NS, body: pod("foreign", {}, { image: "quay.io/whatever/thing:1" }) });
    await until(async () => (await get("foreign")).status?.phase === "Running", 5000, "foreign image runs");
  });

  it("a private project needs a pull secret whose robot may pull from it", async () => {
    const { url, username, password } = sim.dataCentres[0].registryInfo;
    const reg = new URL(url).host;
    sim.dataCentres[0].registry.createProject("priv", false, -1);
    // Why the pull failed, from the kubelet's Failed event: the pod's waiting message says so only until
    // ErrImagePull turns into ImagePullBackOff, which a slow poll can miss on a loaded machine.
    const waiting = (name: string) =>
      until(
        async () =>
          (await core.listNamespacedEvent({ namespace: NS })).items.find(
            (e) => e.involvedObject.name === name && e.reason === "Failed" && e.message?.startsWith("Failed to pull image"),
          )?.message,
        5000,
        `${name} failed to pull`,
      );
    await core.createNamespacedPod({ namespace: NS, body: pod("priv-anon", {}, { image: `${reg}/priv/app:1` }) });
    expect(await waiting("priv-anon")).toContain("401 Unauthorized");

    const res = await fetch(`${url}/api/v2.0/robots`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "pull",
        level: "project",
        duration: -1,
        permissions: [{ kind: "project", namespace: "priv", access: [{ resource: "repository", action: "pull" }] }],
      }),
    });
    const robot = await res.json();
    const config = {
      auths: { [reg]: { username: robot.name, password: robot.secret, auth: Buffer.from(`${robot.name}:${robot.secret}`).toString("base64") } },
    };
    await core.createNamespacedSecret({
      namespace: NS,
      body: {
        metadata: { name: "pull" },
        type: "kubernetes.io/dockerconfigjson",
        data: { ".dockerconfigjson": Buffer.from(JSON.stringify(config)).toString("base64") },
      },
    });
    await core.createNamespacedPod({ namespace: NS, body: pod("priv-robot", { imagePullSecrets: [{ name: "pull" }] }, { image: `${reg}/priv/app:1` }) });
    // past authorisation: the image itself is what is missing
    expect(await waiting("priv-robot")).toMatch(/priv\/app:1: not found$/);
  });

  it("node failure: NotReady + unreachable taint, pods evicted and replaced elsewhere", async () => {
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: "nf" },
        spec: {
          replicas: 4,
          selector: { matchLabels: { app: "nf" } },
          template: { metadata: { labels: { app: "nf" } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
        },
      },
    });
    await until(async () => (await apps.readNamespacedDeployment({ name: "nf", namespace: NS })).status?.readyReplicas === 4, 5000, "ready");
    const victimNode = (await core.listNamespacedPod({ namespace: NS, labelSelector: "app=nf" })).items[0].spec!.nodeName!;
    sim.faults.killNode(sim.clusters[0].name, victimNode);
    const n = await until(
      async () => {
        const x = await core.readNode({ name: victimNode });
        return x.status?.conditions?.find((c) => c.type === "Ready")?.status === "Unknown" && x;
      },
      5000,
      "NotReady",
    );
    expect(n.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain("node.kubernetes.io/unreachable:NoExecute");
    await until(
      async () => {
        const pods = (await core.listNamespacedPod({ namespace: NS, labelSelector: "app=nf" })).items;
        const live = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.phase === "Running");
        return live.length === 4 && live.every((p) => p.spec?.nodeName !== victimNode);
      },
      8000,
      "replacement pods",
    );
    sim.faults.reviveNode(sim.clusters[0].name, victimNode);
    await until(
      async () => (await core.readNode({ name: victimNode })).status?.conditions?.find((c) => c.type === "Ready")?.status === "True",
      5000,
      "Ready again",
    );
    // the kubelet finishes terminating the evicted pods once it is back
    await until(async () => (await core.listNamespacedPod({ namespace: NS, labelSelector: "app=nf" })).items.length === 4, 5000, "terminating pods removed");
  });
});
