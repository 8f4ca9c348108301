// quota show and quota request: a system's quota per data centre, and asking its department for more.
import { QuotaRequestSchema, readableCpu, readableMemory, SystemQuotasSchema, type QuotaView } from "@capstan/domain";
import { wholeNumber, type Command } from "../command";
import { UsageError } from "../errors";
import { table } from "../output";
import { printObject, seg, text, type Column } from "./common";

type Resources = QuotaView["quota"];
const usedOf = (q: QuotaView, show: (r: Resources) => string) => (q.set ? `${show(q.used)}/${show(q.quota)}` : "<none>");
const cpu = (r: Resources) => readableCpu(r.cpuMillis);
const memory = (r: Resources) => readableMemory(r.memoryMiB).replace(" ", "");

const QUOTA_COLUMNS: Column<QuotaView>[] = [
  { header: "DATA CENTRE", cell: (q) => q.dataCentre },
  { header: "CPU (USED/QUOTA)", cell: (q) => usedOf(q, cpu) },
  { header: "MEMORY", cell: (q) => usedOf(q, memory) },
  { header: "GPU", cell: (q) => usedOf(q, (r) => String(r.gpu)) },
  { header: "INSTANCES", cell: (q) => usedOf(q, (r) => String(r.instances)) },
  { header: "FREE CPU", cell: (q) => (q.set ? cpu(q.free) : "") },
  { header: "FREE MEMORY", cell: (q) => (q.set ? memory(q.free) : "") },
];

export const quotaShow: Command = {
  path: ["quota", "show"],
  summary: "A system's quota per data centre: what its groups use of it and what is free.",
  usage: "SYSTEM [--dc DC] [-o FORMAT]",
  args: { required: ["SYSTEM"] },
  read: true,
  flags: { dc: { type: "string", value: "DC", help: "Only this data centre" } },
  examples: ["capstan quota show shop", "capstan quota show shop --dc dc1 -o json"],
  async run(r) {
    const quotas = await (await r.api()).get(`/systems/${seg(r.args[0]!)}/quotas`, SystemQuotasSchema);
    const dc = text(r, "dc");
    const items = dc ? quotas.items.filter((q) => q.dataCentre === dc) : quotas.items;
    if (dc && !items.length) throw new UsageError(`system ${quotas.system} has no data centre "${dc}"`, r.name);
    printObject(r, { ...quotas, items }, () => table(QUOTA_COLUMNS, items));
  },
};

export const quotaRequest: Command = {
  path: ["quota", "request"],
  summary: "Ask for more quota for a system in a data centre; the department's admins approve or reject it in the portal.",
  usage: "SYSTEM --dc DC [--cpu QTY] [--memory QTY] [--gpu N] [--instances N] --reason TEXT",
  args: { required: ["SYSTEM"] },
  read: true,
  flags: {
    dc: { type: "string", value: "DC", help: "The data centre (required)" },
    cpu: { type: "string", value: "QTY", help: "More CPU, as a Kubernetes quantity: 2, 500m" },
    memory: { type: "string", value: "QTY", help: "More memory: 4Gi, 512Mi" },
    gpu: { type: "string", value: "N", help: "More GPUs" },
    instances: { type: "string", value: "N", help: "More instances (pods)" },
    reason: { type: "string", value: "TEXT", help: "Why (required)" },
  },
  examples: ['capstan quota request shop --dc dc1 --cpu 2 --memory 4Gi --instances 5 --reason "Black Friday"'],
  async run(r) {
    const dataCentre = text(r, "dc");
    if (!dataCentre) throw new UsageError("--dc is required", r.name);
    const reason = text(r, "reason");
    if (reason === undefined) throw new UsageError("--reason is required", r.name);
    // The API takes all four amounts; what was not asked for is 0 more.
    const body = {
      system: r.args[0]!,
      dataCentre,
      cpu: text(r, "cpu") ?? "0",
      memory: text(r, "memory") ?? "0",
      gpu: wholeNumber(r.flags.gpu, "--gpu", r.name) ?? 0,
      instances: wholeNumber(r.flags.instances, "--instances", r.name) ?? 0,
      reason,
    };
    const request = await (await r.api()).send("POST", "/quota-requests", QuotaRequestSchema, body);
    printObject(
      r,
      request,
      () =>
        `quota request ${request.id} for ${request.system} in ${request.dataCentre} ${request.status.toLowerCase()}: ` +
        `cpu +${readableCpu(request.asked.cpuMillis)}, memory +${memory(request.asked)}, gpu +${request.asked.gpu}, instances +${request.asked.instances}\n`,
    );
  },
};
