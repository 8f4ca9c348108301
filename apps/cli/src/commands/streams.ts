// logs and builds: a group's log stream (docs/logs.md) and image builds with their log (docs/builds.md).
import { BuildPageSchema, BuildSchema, type BuildDto } from "@capstan/domain";
import { duration, wholeNumber, type Command, type Io } from "../command";
import { CliError, UsageError } from "../errors";
import { age } from "../output";
import { GROUP_FLAGS, groupRef, LIST_FLAGS, limitOf, printList, printObject, seg, text, type Column } from "./common";

/** Copies a streamed answer to `to` (stdout) as it comes, waiting when it is slower (a pipe). */
async function copy(stream: ReadableStream<Uint8Array>, to: Io["stdout"]) {
  const out = to as { write(b: Uint8Array): boolean; once?(event: "drain", f: () => void): unknown };
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    if (!out.write(next.value) && out.once) await new Promise<void>((resolve) => out.once!("drain", resolve));
}

export const logs: Command = {
  path: ["logs"],
  summary: "Print a group's logs: every pod merged in time order, each line prefixed with its pod (or one pod with --pod).",
  usage: "SYSTEM/APP/GROUP [-f] [--pod POD] [--tail N] [--since DURATION] [--timestamps] [--previous]",
  args: { required: ["GROUP"] },
  flags: {
    follow: { type: "boolean", short: "f", help: "Keep streaming new lines until the containers end or Ctrl-C" },
    pod: { type: "string", short: "p", value: "POD", help: "Only this pod (no prefix then)" },
    container: { type: "string", short: "c", value: "CONTAINER", help: "The container (a group's pods have one)" },
    tail: { type: "string", value: "N", help: "The last N lines of each pod" },
    since: { type: "string", value: "DURATION", help: "Only lines of the last DURATION: 30s, 5m, 2h" },
    timestamps: { type: "boolean", help: "Put each line's RFC 3339 time before it" },
    previous: { type: "boolean", help: "The previous container of a pod that restarted" },
    "limit-bytes": { type: "string", value: "N", help: "Stop after N bytes" },
    ...GROUP_FLAGS,
  },
  examples: ["capstan logs shop/storefront/web-dc1 -f --tail 20", "capstan logs shop/cart/api --pod api-7d9f8-abcde --since 10m --timestamps"],
  async run(r) {
    const g = groupRef(r, r.args[0]!);
    const since = text(r, "since");
    const query = {
      pod: text(r, "pod"),
      container: text(r, "container"),
      follow: r.flags.follow ? "true" : undefined,
      previous: r.flags.previous ? "true" : undefined,
      timestamps: r.flags.timestamps ? "true" : undefined,
      tailLines: wholeNumber(r.flags.tail, "--tail", r.name),
      sinceSeconds: since === undefined ? undefined : Math.max(1, Math.ceil(duration(since, "--since", r.name) / 1000)),
      limitBytes: wholeNumber(r.flags["limit-bytes"], "--limit-bytes", r.name, 1),
    };
    await copy(await (await r.api()).stream(`${g.path}/logs`, query), r.io.stdout);
  },
};

/** The application a builds command names: SYSTEM/APP, or APP with --system. */
function appRef(r: Parameters<Command["run"]>[0], arg: string) {
  const parts = arg.split("/");
  const [system, app] = parts.length === 2 ? parts : [text(r, "system"), parts[0]];
  if (!system || !app || parts.length > 2) throw new UsageError(`"${arg}" is not an application: give SYSTEM/APP, or APP with --system`, r.name);
  return { name: `${system}/${app}`, path: `/systems/${seg(system)}/applications/${seg(app)}/builds` };
}
const SYSTEM_FLAG = { system: GROUP_FLAGS.system! };

const BUILD_COLUMNS: Column<BuildDto>[] = [
  { header: "NAME", cell: (b) => `#${b.number}` },
  { header: "ID", cell: (b) => b.id },
  { header: "STATUS", cell: (b) => b.status },
  { header: "REF", cell: (b) => b.ref },
  { header: "COMMIT", cell: (b) => b.commit?.slice(0, 7) },
  { header: "TAG", cell: (b) => b.tag },
  { header: "DATA CENTRE", cell: (b) => b.dataCentre },
  { header: "TRIGGER", cell: (b) => b.trigger },
  { header: "REASON", cell: (b) => b.reason },
  { header: "AGE", cell: (b) => age(b.createdAt) },
];

export const buildsLs: Command = {
  path: ["builds", "ls"],
  summary: "List an application's builds, newest first.",
  usage: "SYSTEM/APP [--limit N] [-o FORMAT]",
  args: { required: ["APP"] },
  read: true,
  flags: { ...SYSTEM_FLAG, limit: LIST_FLAGS.limit! },
  examples: ["capstan builds ls shop/storefront --limit 5"],
  async run(r) {
    const a = appRef(r, r.args[0]!);
    printList(r, await (await r.api()).list(a.path, BuildPageSchema, {}, limitOf(r)), BUILD_COLUMNS, "builds");
  },
};

export const buildsStart: Command = {
  path: ["builds", "start"],
  summary: "Build an application's image from its git repository and push it to the system's registry project; --follow prints the log until it ends.",
  usage: "SYSTEM/APP [--ref REF] [--dc DC] [--tag TAG] [--follow]",
  args: { required: ["APP"] },
  read: true,
  flags: {
    ref: { type: "string", value: "REF", help: "The branch, tag or commit to build (the application's branch by default)" },
    dc: { type: "string", value: "DC", help: "The data centre to build and push in (the first where the system has a quota by default)" },
    tag: { type: "string", value: "TAG", help: "The image tag (the short commit SHA by default)" },
    follow: { type: "boolean", short: "f", help: "Print the build's log as it runs; exit 1 unless it succeeds" },
    ...SYSTEM_FLAG,
  },
  examples: ["capstan builds start shop/storefront --follow", "capstan builds start shop/storefront --ref v1.2.0 --tag 1.2.0 --dc dc2"],
  async run(r) {
    const a = appRef(r, r.args[0]!);
    const api = await r.api();
    const build = await api.send("POST", a.path, BuildSchema, { ref: text(r, "ref"), dataCentre: text(r, "dc"), tag: text(r, "tag") });
    const said = `build #${build.number} of ${a.name} (${build.id}) ${build.status.toLowerCase()} in ${build.dataCentre}: ref ${build.ref}`;
    if (!r.flags.follow) return printObject(r, build, () => `${said}\n`);
    r.io.stderr.write(`${said}\n`);
    // The log goes to stdout, or to stderr when stdout is for the build's JSON or YAML.
    await copy(await api.stream(`${a.path}/${seg(build.id)}/logs`, { follow: "true" }), r.output === "table" ? r.io.stdout : (r.io.stderr as Io["stdout"]));
    const ended = await api.get(`${a.path}/${seg(build.id)}`, BuildSchema);
    if (r.output !== "table") printObject(r, ended, () => "");
    if (ended.status !== "SUCCEEDED")
      throw new CliError(
        `build #${ended.number} ${ended.status.toLowerCase()}${ended.reason ? `: ${ended.reason}` : ""}${ended.message ? `: ${ended.message}` : ""}`,
      );
    r.io.stderr.write(`build #${ended.number} succeeded: ${ended.tag} ${ended.digest ?? ""}`.trimEnd() + "\n");
  },
};
