// The bench's default seed, instead of the simulator and inventory (BENCH_FLEET_SEED=inventory): Node, NodeTransition and Pod rows
// shaped as the inventory writes them for the simulator's fleet (docs/simulator.md: 10 % zone=cicd,
// 10 % res=gpu, 20 % res=ssd), then the inventory's own requested-capacity refresh.
import type { Db } from "@capstan/db";
import { registerCluster, registerDataCentre, type Context } from "@capstan/usecases";
import { refreshNodeRequests } from "../../apps/worker/src/node-requests";
import { kubeconfigFor } from "../../packages/usecases/src/testing/fixtures";

export async function insertFleetRows(db: Db, admin: Context, nodes: number, pods: number) {
  const t0 = performance.now();
  const clusters = ["dc1-c1", "dc1-c2", "dc2-c1", "dc2-c2"];
  for (const dc of ["dc1", "dc2"])
    await registerDataCentre(admin, {
      name: dc,
      displayName: dc,
      region: "bench",
      harborUrl: "http://harbor.invalid",
      harborUsername: "admin",
      harborPassword: "unused",
    });
  for (const c of clusters) await registerCluster(admin, { name: c, dataCentre: c.split("-")[0]!, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await db.$executeRawUnsafe(`
    INSERT INTO "Node" (id, "clusterId", name, status, zone, labels, taints, conditions, ready, "kubeletVersion", "internalIp",
      "capacityCpuMillis", "capacityMemoryMiB", "capacityGpu", "capacityPods", "allocCpuMillis", "allocMemoryMiB", "allocGpu", "allocPods", "lastSeenAt", "updatedAt")
    SELECT gen_random_uuid(), c.id, n.name, 'INIT', n.zone,
      jsonb_build_object('kubernetes.io/hostname', n.name, 'kubernetes.io/os', 'linux', 'node.kubernetes.io/instance-type', 'sim.' || n.res,
        'topology.kubernetes.io/zone', n.zone, 'zone', n.zone, 'res', n.res, 'res.' || n.res, 'true'),
      CASE WHEN n.zone = 'cicd' THEN '[{"key":"zone","value":"cicd","effect":"NoSchedule"}]'::jsonb ELSE '[]'::jsonb END,
      '[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]', true, 'v1.31.0-sim', '10.0.0.' || (i % 250),
      n.cpu, n.mem, n.gpu, 110, n.cpu - 100, n.mem, n.gpu, 110, now(), now()
    FROM "Cluster" c, generate_series(1, ${nodes}) i,
      LATERAL (SELECT c.name || '-node-' || lpad(i::text, greatest(3, length(i::text)), '0') AS name, CASE WHEN i % 10 = 5 THEN 'cicd' ELSE 'default' END AS zone,
        CASE WHEN i % 10 = 0 THEN 'gpu' WHEN i % 10 IN (1, 2) THEN 'ssd' ELSE 'normal' END AS res) r,
      LATERAL (SELECT r.name, r.zone, r.res, CASE r.res WHEN 'normal' THEN 16000 ELSE 32000 END AS cpu,
        CASE r.res WHEN 'normal' THEN 65536 WHEN 'ssd' THEN 131072 ELSE 262144 END AS mem, CASE r.res WHEN 'gpu' THEN 4 ELSE 0 END AS gpu) n;
    INSERT INTO "NodeTransition" (id, "nodeId", "from", "to", reason) SELECT gen_random_uuid(), id, NULL, 'INIT', 'The node appeared in the cluster.' FROM "Node";
    -- One GPU pod per GPU node slot up to 1,000 per cluster, the rest 500m/1Gi spread over all nodes.
    INSERT INTO "Pod" (id, "clusterId", namespace, name, uid, "nodeName", phase, ready, ip, "cpuMillis", "memoryMiB", gpu, "startedAt", "updatedAt")
    SELECT gen_random_uuid(), c.id, 'bench', 'app-' || (i / 1000) || '-' || i, gen_random_uuid()::text,
      c.name || '-node-' || lpad(k::text, greatest(3, length(k::text)), '0'),
      'Running', true, '10.1.0.1', CASE WHEN i < 1000 THEN 2000 ELSE 500 END, CASE WHEN i < 1000 THEN 8192 ELSE 1024 END, CASE WHEN i < 1000 THEN 1 ELSE 0 END, now(), now()
    FROM "Cluster" c, generate_series(0, ${pods / clusters.length - 1}) i,
      LATERAL (SELECT CASE WHEN i < 1000 THEN 10 * (1 + i % ${Math.floor(nodes / 10)}) ELSE 1 + i % ${nodes} END AS k) n;`);
  for (const c of await db.cluster.findMany()) await refreshNodeRequests(db, c.id);
  return { insertSeconds: (performance.now() - t0) / 1000 };
}
