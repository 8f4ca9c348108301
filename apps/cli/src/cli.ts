// The command table and the dispatch: finds the command the words name, reads its command line, runs it,
// and turns any failure into kubectl's `error: …` and exit code 1.
import { commandHelp, duration, parseCommandLine, type Command, type Io } from "./command";
import { configPath } from "./config";
import { renderError, UsageError } from "./errors";
import { exec } from "./commands/exec";
import { groupsGet, groupsHistory, groupsLs, groupsRestart, groupsRollback, groupsRollout, groupsScale } from "./commands/groups";
import { nodesLs, nodesTransition } from "./commands/nodes";
import { quotaRequest, quotaShow } from "./commands/quota";
import { login, logout, savedClient, whoami } from "./commands/session";
import { buildsLs, buildsStart, logs } from "./commands/streams";
import { appsLs, systemsLs } from "./commands/systems";

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  login,
  logout,
  whoami,
  systemsLs,
  appsLs,
  groupsLs,
  groupsGet,
  groupsHistory,
  groupsScale,
  groupsRollout,
  groupsRollback,
  groupsRestart,
  quotaShow,
  quotaRequest,
  nodesLs,
  nodesTransition,
  logs,
  buildsStart,
  buildsLs,
  exec,
];

/** Each call's deadline unless --request-timeout says otherwise, in ms. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** A summary's first clause, for the overview: "List applications: of one system …" → "List applications". */
const headline = (summary: string) => summary.split(/: |; | \(|\. /)[0]!.replace(/\.$/, "");

function overview(commands: readonly Command[], prefix: string[] = []): string {
  const shown = commands.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const w = Math.max(...shown.map((c) => c.path.join(" ").length));
  const title = prefix.length ? `capstan ${prefix.join(" ")}: ${prefix[0]} commands.` : "capstan: Capstan from the command line, over its REST API (/api/v1).";
  return [
    title,
    "",
    "Commands:",
    ...shown.map((c) => `  ${c.path.join(" ").padEnd(w)}   ${headline(c.summary)}`),
    "",
    `Use "capstan <command> --help" for a command's options; every read takes -o table|json|yaml.`,
    "",
  ].join("\n");
}

/** The command the leading words name, and the rest of the command line. */
function find(argv: string[]): { command?: Command; rest: string[]; words: string[] } {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
  }
  for (let n = Math.min(words.length, 2); n > 0; n--) {
    const command = COMMANDS.find((c) => c.path.length === n && c.path.every((w, i) => words[i] === w));
    if (command) return { command, rest: argv.slice(n), words: words.slice(0, n) };
  }
  return { rest: argv, words };
}

/**
 * Runs the command line `argv` (without `node capstan`); resolves to the exit code: 0 on success, 1 on
 * failure (or a remote shell's own status), with `error: …` written to stderr.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const { command, rest, words } = find(argv);
    if (!command) {
      const group = words[0] && COMMANDS.some((c) => c.path[0] === words[0]) ? [words[0]] : [];
      const askedHelp = argv.length === 0 || argv.includes("--help") || argv.includes("-h") || (group.length > 0 && words.length === 1 && argv.length === 1);
      if (askedHelp) {
        io.stdout.write(overview(COMMANDS, group));
        return 0;
      }
      const typed = words.slice(0, group.length ? 2 : 1).join(" ") || argv[0]!;
      throw new UsageError(`unknown command "${typed}" for "capstan${group.length ? ` ${group[0]}` : ""}"`, group.length ? `${group[0]}` : "");
    }
    const parsed = parseCommandLine(command, rest);
    if (parsed.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const name = command.path.join(" ");
    const timeout = parsed.flags["request-timeout"];
    const timeoutMs = typeof timeout === "string" ? duration(timeout, "--request-timeout", name) : DEFAULT_TIMEOUT_MS;
    if (timeoutMs <= 0) throw new UsageError("--request-timeout must be more than 0", name);
    const server = typeof parsed.flags.server === "string" ? parsed.flags.server : undefined;
    const path = configPath(io.env);
    await command.run({
      flags: parsed.flags,
      args: parsed.args,
      output: parsed.output,
      io,
      name,
      configPath: path,
      timeoutMs,
      server,
      api: () => savedClient(path, io.env, timeoutMs, server),
    });
    return 0;
  } catch (e) {
    const { text, exitCode } = renderError(e);
    io.stderr.write(text);
    return exitCode;
  }
}
