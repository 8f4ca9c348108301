// groups ls, get, history, scale, rollout, rollback and restart: what the portal's group page offers (Scale,
// Roll out image, its release history, Roll back to this revision, Rolling restart), over the same API.
import {
  GroupDetailSchema,
  GroupRevisionSchema,
  GroupSchema,
  GROUP_PHASES,
  keysetPageOf,
  pageOf,
  type GroupDetail,
  type GroupDto,
  type GroupRevisionDto,
} from "@capstan/domain";
import { wholeNumber, type Command, type Run } from "../command";
import { UsageError } from "../errors";
import { age, fields, table } from "../output";
import { flagTrue, GROUP_FLAGS, groupRef, LIST_FLAGS, limitOf, printList, printObject, seg, text, type Column } from "./common";

const ready = (g: GroupDto) => `${g.readyReplicas}/${g.replicas}`;
const image = (g: GroupDto) => (g.imageDigest ? `${g.imageTag}@${g.imageDigest.slice(0, 19)}` : g.imageTag);

const GROUP_COLUMNS: Column<GroupDto>[] = [
  { header: "NAME", cell: (g) => g.name },
  { header: "SYSTEM", cell: (g) => g.system },
  { header: "APP", cell: (g) => g.application },
  { header: "DATA CENTRE", cell: (g) => g.dataCentre },
  { header: "CLUSTER", cell: (g) => g.cluster },
  { header: "READY", cell: ready },
  { header: "PHASE", cell: (g) => g.phase },
  { header: "IMAGE", cell: (g) => g.imageTag },
  { header: "REVISION", cell: (g) => g.revision },
  { header: "AGE", cell: (g) => age(g.createdAt) },
];

export const groupsLs: Command = {
  path: ["groups", "ls"],
  summary: "List groups: of one application (--system and --app), one system, or every system you can see.",
  usage: "[--system SYSTEM [--app APP]] [--dc DC] [--phase PHASE] [--mine] [-q TEXT] [-o FORMAT]",
  read: true,
  flags: {
    system: { type: "string", short: "s", value: "SYSTEM", help: "Only this system's groups" },
    app: { type: "string", short: "a", value: "APP", help: "Only this application's groups (with --system)" },
    dc: { type: "string", value: "DC", help: "Only groups in this data centre" },
    phase: { type: "string", value: "PHASE", help: `Only groups in this phase: ${GROUP_PHASES.join(", ")}` },
    mine: { type: "boolean", help: "Only groups of systems you are a member of" },
    sort: { type: "string", value: "FIELD", help: "The API's sort, e.g. name or -replicas" },
    ...LIST_FLAGS,
  },
  examples: ["capstan groups ls --system shop", "capstan groups ls -s shop -a storefront -o yaml", "capstan groups ls --phase DEGRADED --mine"],
  async run(r) {
    const api = await r.api();
    const system = text(r, "system");
    const app = text(r, "app");
    if (app && !system) throw new UsageError("--app needs --system", r.name);
    const query = { dataCentre: text(r, "dc"), phase: text(r, "phase")?.toUpperCase(), mine: flagTrue(r, "mine"), q: text(r, "search"), sort: text(r, "sort") };
    const path = app ? `/systems/${seg(system!)}/applications/${seg(app)}/groups` : "/groups";
    const items = await api.list(path, pageOf(GroupSchema), app ? query : { ...query, system }, limitOf(r));
    printList(r, items, GROUP_COLUMNS, "groups");
  },
};

/** A group's detail as kubectl describe prints an object: its fields, then its pods and warnings. */
function describe(g: GroupDetail): string {
  const head = fields([
    ["Name", g.name],
    ["System", g.system],
    ["Application", g.application],
    ["Data centre", g.dataCentre],
    ["Cluster", g.cluster],
    ["Image", image(g)],
    ["Replicas", `${g.replicas} desired, ${g.readyReplicas} ready, ${g.updatedReplicas} updated, ${g.availableReplicas} available`],
    ["Autoscaling", g.autoscaling && `${g.autoscaling.minReplicas}–${g.autoscaling.maxReplicas} replicas`],
    ["Resources", `cpu ${g.cpu} (${g.cpuMode}), memory ${g.memory}${g.gpu ? `, gpu ${g.gpu}` : ""}`],
    ["Zone", g.zone],
    ["Phase", g.phase],
    ["Status", g.statusReason && `${g.statusReason}${g.statusMessage ? `: ${g.statusMessage}` : ""}`],
    ["Revision", g.revision],
    ["Last error", g.lastError && `${g.lastErrorReason ?? ""} ${g.lastError} (${g.failedAttempts} attempts)`.trim()],
    ["Created", g.createdAt],
  ]);
  const pods = g.pods.length
    ? `\nPods:\n${table(
        [
          { header: "NAME", cell: (p: GroupDetail["pods"][number]) => p.name },
          { header: "READY", cell: (p) => (p.ready ? "true" : "false") },
          { header: "PHASE", cell: (p) => p.phase },
          { header: "RESTARTS", cell: (p) => p.restarts },
          { header: "NODE", cell: (p) => p.node },
          { header: "IP", cell: (p) => p.ip },
          { header: "REASON", cell: (p) => p.reason },
        ],
        g.pods,
      )
        .split("\n")
        .map((l) => (l ? `  ${l}` : l))
        .join("\n")}`
    : "\nPods: <none>\n";
  const events = g.events.length
    ? `\nWarnings:\n${g.events.map((e) => `  ${e.kind}/${e.name}: ${e.reason} ${e.message} (x${e.count}, ${age(e.lastAt)} ago)`).join("\n")}\n`
    : "";
  return head + pods + events;
}

export const groupsGet: Command = {
  path: ["groups", "get"],
  summary: "Show a group: its image, replicas, phase, pods and the cluster's warnings.",
  usage: "SYSTEM/APP/GROUP [-o FORMAT]",
  args: { required: ["GROUP"] },
  read: true,
  flags: GROUP_FLAGS,
  examples: ["capstan groups get shop/storefront/web-dc1", "capstan groups get web-dc1 -s shop -a storefront -o json"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const detail = await (await r.api()).get(g.path, GroupDetailSchema);
    printObject(r, detail, () => describe(detail));
  },
};

/** A value in the CHANGES column: at most 19 characters, as `groups get` shortens a digest ("sha256:e5c15b8d1a2b…"). */
const brief = (v: unknown) => {
  const text = String(v ?? "none");
  return text.length > 19 ? `${text.slice(0, 19)}…` : text;
};

/** A changed field: "imageTag 1.1→1.0" for a word or a number, the field's name alone for a list or an object (env, health check). */
const change = ({ field, from, to }: GroupRevisionDto["changes"][number]) =>
  [from, to].some((v) => typeof v === "object" && v !== null) ? field : `${field} ${brief(from)}→${brief(to)}`;

const REVISION_COLUMNS: Column<GroupRevisionDto>[] = [
  { header: "REVISION", cell: (v) => v.revision },
  { header: "AGE", cell: (v) => age(v.createdAt) },
  { header: "BY", cell: (v) => v.createdBy },
  { header: "IMAGE", cell: (v) => v.spec.imageTag },
  // a rollback to a revision marked here changes nothing
  { header: "SAME AS NOW", cell: (v) => (v.sameAsCurrent ? "yes" : "no") },
  { header: "CHANGES", cell: (v) => v.changes.map(change).join(", ") },
  { header: "CHANGE-CAUSE", cell: (v) => v.changeCause },
];

export const groupsHistory: Command = {
  path: ["groups", "history"],
  summary: "A group's release history, newest first (as kubectl rollout history): the revisions groups rollback can go back to.",
  usage: "SYSTEM/APP/GROUP [--limit N] [-o FORMAT]",
  args: { required: ["GROUP"] },
  read: true,
  flags: { limit: LIST_FLAGS.limit!, ...GROUP_FLAGS },
  examples: ["capstan groups history shop/storefront/web-dc1", "capstan groups history shop/storefront/web-dc1 --limit 5 -o yaml"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const items = await (await r.api()).list(`${g.path}/revisions`, keysetPageOf(GroupRevisionSchema), {}, limitOf(r));
    printList(r, items, REVISION_COLUMNS, "revisions");
  },
};

/** The result of a change to a group: a sentence (table form), or the group as the server answered it. */
const changed = (r: Run, group: GroupDto, sentence: string) => printObject(r, group, () => `${sentence}\n`);

export const groupsScale: Command = {
  path: ["groups", "scale"],
  summary: "Set a group's number of replicas (refused beyond the system's quota, naming what is short).",
  usage: "SYSTEM/APP/GROUP --replicas N",
  args: { required: ["GROUP"] },
  read: true,
  flags: { replicas: { type: "string", short: "r", value: "N", help: "The number of replicas (required)" }, ...GROUP_FLAGS },
  examples: ["capstan groups scale shop/storefront/web-dc1 --replicas 4"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const replicas = wholeNumber(r.flags.replicas, "--replicas", r.name);
    if (replicas === undefined) throw new UsageError("--replicas is required", r.name);
    const group = await (await r.api()).send("POST", `${g.path}/scale`, GroupSchema, { replicas });
    changed(r, group, `group ${g.name} scaled to ${group.replicas} replicas`);
  },
};

export const groupsRollout: Command = {
  path: ["groups", "rollout"],
  summary: "Roll out a new image tag (the portal's Roll out image): a new revision, pods replaced a few at a time.",
  usage: "SYSTEM/APP/GROUP --image TAG",
  args: { required: ["GROUP"] },
  read: true,
  flags: {
    image: { type: "string", short: "i", value: "TAG", help: "The image tag to run (required), from the application's registry project" },
    version: { type: "string", value: "N", help: "Refuse if the group changed since this version (optimistic concurrency)" },
    ...GROUP_FLAGS,
  },
  examples: ["capstan groups rollout shop/storefront/web-dc1 --image 2.0.0"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const image = text(r, "image");
    if (!image) throw new UsageError("--image is required", r.name);
    const group = await (
      await r.api()
    ).send("POST", `${g.path}/rollout`, GroupSchema, { image, version: wholeNumber(r.flags.version, "--version", r.name, 1) });
    changed(r, group, `group ${g.name} rolling out ${group.imageTag} (revision ${group.revision})`);
  },
};

export const groupsRollback: Command = {
  path: ["groups", "rollback"],
  summary: "Roll a group back to a recorded revision's spec (the portal's Roll back to this revision); the replica count stays.",
  usage: "SYSTEM/APP/GROUP --to-revision N",
  args: { required: ["GROUP"] },
  read: true,
  flags: {
    "to-revision": { type: "string", value: "N", help: "The revision to go back to (required; see capstan groups history)" },
    ...GROUP_FLAGS,
  },
  examples: ["capstan groups rollback shop/storefront/web-dc1 --to-revision 2"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const revision = wholeNumber(r.flags["to-revision"], "--to-revision", r.name, 1);
    if (revision === undefined) throw new UsageError("--to-revision is required", r.name);
    const group = await (await r.api()).send("POST", `${g.path}/rollback`, GroupSchema, { revision });
    changed(r, group, `group ${g.name} rolled back to revision ${revision}'s spec (now revision ${group.revision})`);
  },
};

export const groupsRestart: Command = {
  path: ["groups", "restart"],
  summary: "Restart every pod of a group a few at a time (the portal's Rolling restart, as kubectl rollout restart).",
  usage: "SYSTEM/APP/GROUP",
  args: { required: ["GROUP"] },
  read: true,
  flags: GROUP_FLAGS,
  examples: ["capstan groups restart shop/storefront/web-dc1"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const group = await (await r.api()).send("POST", `${g.path}/restart`, GroupSchema);
    changed(r, group, `group ${g.name} restarting (revision ${group.revision})`);
  },
};
