// nodes ls and nodes transition: the node lifecycle INIT → WAIT → ONLINE ⇄ OFFLINE (docs/nodes.md), for
// platform admins and ops.
import { keysetPageOf, NodeSchema, NODE_SORTS, readableCpu, readableMemory, type NodeDto } from "@capstan/domain";
import type { Command } from "../command";
import { UsageError } from "../errors";
import { LIST_FLAGS, limitOf, printList, printObject, seg, text, type Column } from "./common";

const NODE_COLUMNS: Column<NodeDto>[] = [
  { header: "NAME", cell: (n) => n.name },
  { header: "CLUSTER", cell: (n) => n.cluster },
  { header: "DATA CENTRE", cell: (n) => n.dataCentre },
  { header: "STATUS", cell: (n) => n.status },
  { header: "READY", cell: (n) => (n.ready ? "True" : "False") + (n.unschedulable ? ",SchedulingDisabled" : "") },
  { header: "ZONE", cell: (n) => n.zone },
  { header: "FREE CPU", cell: (n) => readableCpu(n.cpuMillis.free) },
  { header: "FREE MEMORY", cell: (n) => readableMemory(n.memoryMiB.free).replace(" ", "") },
  { header: "PODS", cell: (n) => `${n.podCapacity.count}/${n.podCapacity.allocatable}` },
  { header: "VERSION", cell: (n) => n.kubeletVersion },
];

export const nodesLs: Command = {
  path: ["nodes", "ls"],
  summary: "List nodes (platform admins and ops), with the API's filters.",
  usage: "[--cluster C] [--dc DC] [--status S] [--zone Z] [-l KEY[=VALUE]] [--min-free-cpu Q] [--min-free-memory Q] [-o FORMAT]",
  read: true,
  flags: {
    cluster: { type: "string", value: "CLUSTER", help: "Only this cluster's nodes" },
    dc: { type: "string", value: "DC", help: "Only this data centre's nodes" },
    status: { type: "string", value: "STATUS", help: "Only nodes in this state: INIT, WAIT, ONLINE or OFFLINE" },
    zone: { type: "string", value: "ZONE", help: "Only nodes in this zone" },
    label: { type: "string", short: "l", value: "KEY[=VALUE]", help: "Only nodes with this label (any value when no =VALUE)" },
    "min-free-cpu": { type: "string", value: "QTY", help: "Only nodes with at least this much CPU not requested: 2, 500m" },
    "min-free-memory": { type: "string", value: "QTY", help: "Only nodes with at least this much memory not requested: 4Gi" },
    sort: { type: "string", value: "FIELD", help: `Sort by ${NODE_SORTS.join(", ")}` },
    order: { type: "string", value: "asc|desc", help: "The sort's direction" },
    ...LIST_FLAGS,
  },
  examples: ["capstan nodes ls --cluster dc1-a --status ONLINE", "capstan nodes ls -l res.gpu --sort freeCpu --order desc -o json"],
  async run(r) {
    const query = {
      cluster: text(r, "cluster"),
      dataCentre: text(r, "dc"),
      status: text(r, "status"),
      zone: text(r, "zone"),
      label: text(r, "label"),
      minFreeCpu: text(r, "min-free-cpu"),
      minFreeMemory: text(r, "min-free-memory"),
      sort: text(r, "sort"),
      order: text(r, "order"),
      q: text(r, "search"),
    };
    printList(r, await (await r.api()).list("/nodes", keysetPageOf(NodeSchema), query, limitOf(r)), NODE_COLUMNS, "nodes");
  },
};

export const nodesTransition: Command = {
  path: ["nodes", "transition"],
  summary:
    "Move a node to another state (docs/nodes.md). OFFLINE cordons and drains it by kubectl drain's rules; ONLINE makes it schedulable again. The worker then reshapes the Kubernetes Node.",
  usage: "CLUSTER/NODE --to STATUS --reason TEXT [--force] [--delete-emptydir-data]",
  args: { required: ["CLUSTER/NODE"] },
  read: true,
  flags: {
    to: { type: "string", value: "STATUS", help: "The new state (required): WAIT, ONLINE or OFFLINE, as the node's lifecycle allows" },
    reason: { type: "string", value: "TEXT", help: "Why (required; kept in the node's history)" },
    force: { type: "boolean", help: "OFFLINE only: also evict pods no controller recreates (kubectl drain --force)" },
    "delete-emptydir-data": { type: "boolean", help: "OFFLINE only: also evict pods with emptyDir data, which is lost" },
  },
  examples: [
    'capstan nodes transition dc1-a/dc1-a-node-3 --to OFFLINE --reason "disk replacement"',
    'capstan nodes transition dc1-a/dc1-a-node-3 --to ONLINE --reason "disk replaced"',
  ],
  async run(r) {
    const [cluster, node, extra] = r.args[0]!.split("/");
    if (!cluster || !node || extra !== undefined) throw new UsageError(`"${r.args[0]}" is not a node: give CLUSTER/NODE`, r.name);
    const to = text(r, "to");
    if (!to) throw new UsageError("--to is required", r.name);
    const reason = text(r, "reason");
    if (reason === undefined) throw new UsageError("--reason is required", r.name);
    const body = { to, reason, force: Boolean(r.flags.force), deleteEmptyDirData: Boolean(r.flags["delete-emptydir-data"]) };
    const moved = await (await r.api()).send("POST", `/nodes/${seg(cluster)}/${seg(node)}/transition`, NodeSchema, body);
    printObject(r, moved, () => `node ${moved.cluster}/${moved.name} is ${moved.status} (from here: ${moved.allowed.join(", ") || "nothing"})\n`);
  },
};
