// What several commands share: the list flags, printing a list or an object in the chosen form, and
// naming a group.
import type { Flag, Run } from "../command";
import { wholeNumber } from "../command";
import { UsageError } from "../errors";
import { serialise, table, type Column } from "../output";

/** --limit and -q, which every list takes. */
export const LIST_FLAGS: Record<string, Flag> = {
  search: { type: "string", short: "q", value: "TEXT", help: "Only those whose name holds TEXT (the API's q)" },
  limit: { type: "string", value: "N", help: "At most N items (all by default, read page after page)" },
};

/** The --limit asked, or undefined for all. */
export const limitOf = (r: Run) => wholeNumber(r.flags.limit, "--limit", r.name, 1);

/** A string flag's value, or undefined. */
export const text = (r: Run, flag: string) => (typeof r.flags[flag] === "string" ? (r.flags[flag] as string) : undefined);

/** A yes-only filter flag as the API's `true` (absent when not given). */
export const flagTrue = (r: Run, flag: string) => (r.flags[flag] ? "true" : undefined);

/** A list as a table (or "No … found." on stderr, as kubectl), or `{ items }` as JSON or YAML. */
export function printList<T>(r: Run, items: T[], columns: readonly Column<T>[], kind: string) {
  if (r.output !== "table") return void r.io.stdout.write(serialise({ items }, r.output));
  if (!items.length) return void r.io.stderr.write(`No ${kind} found.\n`);
  r.io.stdout.write(table(columns, items));
}

/** One object: `tableText` for the table form, else the object as JSON or YAML. */
export function printObject(r: Run, value: unknown, tableText: () => string) {
  r.io.stdout.write(r.output === "table" ? tableText() : serialise(value, r.output));
}

/** Path segments as they go into a URL. */
export const seg = (s: string) => encodeURIComponent(s);

/** -s and -a, which name a group's system and application when the group is not given as SYSTEM/APP/GROUP. */
export const GROUP_FLAGS: Record<string, Flag> = {
  system: { type: "string", short: "s", value: "SYSTEM", help: "The group's system (or give the group as SYSTEM/APP/GROUP)" },
  app: { type: "string", short: "a", value: "APP", help: "The group's application" },
};

/**
 * The group a command names: `SYSTEM/APP/GROUP`, or `GROUP` with --system and --app. `path` is its API path.
 * @throws UsageError when the system or application is missing
 */
export function groupRef(r: Run, arg: string) {
  const parts = arg.split("/");
  if (parts.length === 3 && parts.every(Boolean)) return ref(parts[0]!, parts[1]!, parts[2]!);
  if (parts.length !== 1) throw new UsageError(`"${arg}" is not a group: give SYSTEM/APP/GROUP, or GROUP with --system and --app`, r.name);
  const system = text(r, "system");
  const app = text(r, "app");
  if (!system || !app)
    throw new UsageError(`the group's ${system ? "application" : "system"} is missing: give SYSTEM/APP/GROUP, or GROUP with --system and --app`, r.name);
  return ref(system, app, arg);
}

const ref = (system: string, app: string, group: string) => ({
  system,
  app,
  group,
  name: `${system}/${app}/${group}`,
  path: `/systems/${seg(system)}/applications/${seg(app)}/groups/${seg(group)}`,
});

export type { Column };
