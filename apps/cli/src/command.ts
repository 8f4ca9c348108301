// The shape of a command and the reading of its command line, with Node's util.parseArgs: each command
// declares its flags (with their help), the global ones are added, and what parseArgs refuses is said the
// way kubectl says it ("unknown flag: --x", "flag needs an argument: --x").
import { parseArgs } from "node:util";
import type { ApiClient } from "./client";
import { UsageError } from "./errors";
import { OUTPUTS, type Output } from "./output";

/** A flag: its kind, its short letter, the placeholder of its value in the help, and what it does. */
export interface Flag {
  type: "string" | "boolean";
  short?: string;
  /** The value's name in the help (`--replicas N`). */
  value?: string;
  help: string;
}

/** Where a command reads and writes; the process's own streams, or a test's. */
export interface Io {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

/** What a command runs with: its flags' values and positionals, the output form, and the API client. */
export interface Run {
  flags: Record<string, string | boolean | undefined>;
  args: string[];
  output: Output;
  io: Io;
  /** The command's name as typed (`groups scale`), for messages. */
  name: string;
  /** The path of the configuration file. */
  configPath: string;
  /** Each call's deadline, in ms (--request-timeout). */
  timeoutMs: number;
  /** --server, when given. */
  server?: string;
  /** A client for the saved (or --server/CAPSTAN_* given) server and token. @throws CliError when not logged in */
  api(): Promise<ApiClient>;
}

export interface Command {
  /** The words that name it: ["groups", "scale"]. */
  path: string[];
  summary: string;
  /** What follows the command's name in the usage line: "GROUP --replicas N". */
  usage: string;
  /** The positionals it takes: required ones first, then optional ones. */
  args?: { required?: string[]; optional?: string[] };
  flags?: Record<string, Flag>;
  /** Prints something read from the server: takes -o table|json|yaml. */
  read?: boolean;
  examples: string[];
  run(r: Run): Promise<void>;
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: Record<string, Flag> = {
  server: { type: "string", value: "URL", help: "The Capstan server, instead of the one logged in to (also $CAPSTAN_SERVER)" },
  "request-timeout": { type: "string", value: "DURATION", help: "How long to wait for each answer: 30s (default), 2m …" },
  help: { type: "boolean", short: "h", help: "Show this help" },
};
export const OUTPUT_FLAG: Record<string, Flag> = {
  output: { type: "string", short: "o", value: "FORMAT", help: "table (default), json or yaml" },
};

/**
 * Reads a command's flags and positionals.
 * @throws UsageError for an unknown flag, a missing value, a wrong output form or a wrong number of arguments
 */
export function parseCommandLine(command: Command, argv: string[]) {
  const name = command.path.join(" ");
  const options = { ...GLOBAL_FLAGS, ...(command.read ? OUTPUT_FLAG : {}), ...command.flags };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(options).map(([k, f]) => [k, { type: f.type, ...(f.short ? { short: f.short } : {}) }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e), name);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  if (flags.help) return { help: true as const, flags, args: parsed.positionals, output: "table" as Output };
  const output = (flags.output as string | undefined) ?? "table";
  if (!(OUTPUTS as readonly string[]).includes(output)) throw new UsageError(`unknown output format "${output}": use table, json or yaml`, name);
  const required = command.args?.required ?? [];
  const optional = command.args?.optional ?? [];
  if (parsed.positionals.length < required.length) throw new UsageError(`${required[parsed.positionals.length]} is required`, name);
  if (parsed.positionals.length > required.length + optional.length)
    throw new UsageError(`unexpected argument "${parsed.positionals[required.length + optional.length]}"`, name);
  return { help: false as const, flags, args: parsed.positionals, output: output as Output };
}

/** parseArgs's refusal in kubectl's words. */
function parseArgsMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  // "Option '-r, --replicas <value>' argument missing", "Unknown option '-x'": the long name when there is one.
  const flag = err.message?.match(/'(?:-\w, )?(-{1,2}[^' ,]+)/)?.[1];
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown flag: ${flag ?? err.message}`;
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // A boolean given a value (--mine=yes) or a string given none (--replicas at the end).
    return /does not take an argument/.test(err.message ?? "") ? `flag takes no value: ${flag}` : `flag needs an argument: ${flag}`;
  }
  return err.message ?? String(e);
}

/** The help of one command, as kubectl prints it. */
export function commandHelp(command: Command): string {
  const flags = Object.entries({ ...(command.read ? OUTPUT_FLAG : {}), ...command.flags });
  const lines = [command.summary, "", "Usage:", `  capstan ${command.path.join(" ")} ${command.usage}`.trimEnd(), ""];
  if (command.examples.length) lines.push("Examples:", ...command.examples.map((e) => `  ${e}`), "");
  if (flags.length) lines.push("Options:", ...flagLines(flags), "");
  lines.push("Global options:", ...flagLines(Object.entries(GLOBAL_FLAGS)));
  return lines.join("\n") + "\n";
}

function flagLines(flags: [string, Flag][]): string[] {
  const left = flags.map(([k, f]) => `${f.short ? `-${f.short}, ` : "    "}--${k}${f.value ? ` ${f.value}` : ""}`);
  const w = Math.max(...left.map((l) => l.length));
  return flags.map(([, f], i) => `  ${left[i]!.padEnd(w)}   ${f.help}`);
}

/**
 * A whole number from a flag or argument, within [min, max].
 * @throws UsageError naming the flag
 */
export function wholeNumber(value: string | boolean | undefined, what: string, command: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new UsageError(
      `invalid value "${text}" for ${what}: must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : ""}`,
      command,
    );
  return Number(text);
}

/**
 * A duration as kubectl takes it (Go's time.ParseDuration, whole units): "500ms", "30s", "5m", "2h", "1h30m";
 * a bare number is seconds. In ms.
 * @throws UsageError naming the flag
 */
export function duration(value: string, what: string, command: string): number {
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parts = [...value.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== value)
    throw new UsageError(`invalid duration "${value}" for ${what}: use a form such as 30s, 5m or 1h30m`, command);
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0);
}
