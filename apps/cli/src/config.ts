// The user's CLI configuration: which Capstan server to talk to and the API token for it, in a file only its
// owner may read (like ~/.kube/config, which kubectl writes 0600).
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError } from "./errors";

/** The server and the token `capstan login` checked; `user` is the e-mail the token belongs to (for `whoami`-like messages). */
export interface CliConfig {
  server: string;
  token: string;
  user: string;
}

/**
 * Where the configuration lives: `$CAPSTAN_CONFIG`, else `$XDG_CONFIG_HOME/capstan/config.json` (XDG Base
 * Directory Specification), else `~/.config/capstan/config.json`.
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CAPSTAN_CONFIG) return env.CAPSTAN_CONFIG;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith("/") ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), ".config");
  return join(base, "capstan", "config.json");
}

/** The saved configuration, or undefined when there is none. @throws CliError when the file is unreadable or not a configuration. */
export async function readConfig(path: string): Promise<CliConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`cannot read the configuration ${path}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`the configuration ${path} is not JSON`, ['Log in again with "capstan login --server URL".']);
  }
  const c = parsed as Partial<CliConfig> | null;
  if (!c || typeof c.server !== "string" || typeof c.token !== "string")
    throw new CliError(`the configuration ${path} has no server and token`, ['Log in again with "capstan login --server URL".']);
  return { server: c.server, token: c.token, user: typeof c.user === "string" ? c.user : "" };
}

/**
 * Saves the configuration with mode 0600 (set again when the file existed with another), and the directories
 * it makes 0700; a directory that already existed is left as it is (CAPSTAN_CONFIG may name a file in a
 * shared one). Written to a temporary file first and renamed, so a reader never sees half a file.
 */
export async function writeConfig(path: string, config: CliConfig): Promise<void> {
  const dir = dirname(path);
  const made = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (made !== undefined) await chmod(dir, 0o700); // the umask may have taken bits from the mode asked
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  await chmod(tmp, 0o600); // the umask may have taken bits away, never added any; chmod makes it exact
  await rename(tmp, path);
}

/** Deletes the configuration; true when there was one. */
export async function removeConfig(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw new CliError(`cannot remove the configuration ${path}: ${(e as Error).message}`);
  }
}
