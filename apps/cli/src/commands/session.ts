// login, logout and whoami: the server and the token kept in the user's configuration file.
import { MeSchema } from "@capstan/domain";
import { ApiClient, normaliseServer } from "../client";
import type { Command } from "../command";
import { readConfig, removeConfig, writeConfig } from "../config";
import { CliError, UsageError } from "../errors";
import { fields, serialise } from "../output";
import { readSecret } from "../prompt";

export const login: Command = {
  path: ["login"],
  summary: "Log in to a Capstan server with an API token (made under API tokens in the portal), and keep both in the configuration file (mode 0600).",
  usage: "--server URL [--token TOKEN]",
  flags: {
    token: { type: "string", value: "TOKEN", help: "The API token; without it, asked for without echo (or read from stdin when it is not a terminal)" },
  },
  examples: ["capstan login --server https://capstan.example.com", 'echo "$CAPSTAN_TOKEN" | capstan login --server http://localhost:3000'],
  async run(r) {
    const given = r.server ?? r.io.env.CAPSTAN_SERVER;
    if (!given) throw new UsageError("--server is required", r.name);
    const server = normaliseServer(given);
    const token = typeof r.flags.token === "string" ? r.flags.token.trim() : await readSecret(r.io, "API token: ");
    if (!token) throw new UsageError("the token is empty", r.name);
    const me = await new ApiClient({ server, token, timeoutMs: r.timeoutMs }).get("/me", MeSchema);
    await writeConfig(r.configPath, { server, token, user: me.email });
    r.io.stdout.write(`Logged in to ${server} as ${me.email}.\n`);
  },
};

export const logout: Command = {
  path: ["logout"],
  summary: "Forget the server and token kept by login (the token itself stays valid until revoked in the portal).",
  usage: "",
  examples: ["capstan logout"],
  async run(r) {
    const config = await readConfig(r.configPath).catch(() => undefined);
    const removed = await removeConfig(r.configPath);
    r.io.stdout.write(removed ? `Logged out${config ? ` of ${config.server}` : ""}.\n` : "Not logged in.\n");
  },
};

export const whoami: Command = {
  path: ["whoami"],
  summary: "Who the token belongs to: e-mail, role, departments and systems.",
  usage: "[-o FORMAT]",
  read: true,
  examples: ["capstan whoami", "capstan whoami -o json"],
  async run(r) {
    const api = await r.api();
    const me = await api.get("/me", MeSchema);
    if (r.output !== "table") return void r.io.stdout.write(serialise(me, r.output));
    r.io.stdout.write(
      fields([
        ["Server", api.server],
        ["Email", me.email],
        ["Name", me.name],
        ["Role", me.role],
        ["Departments", me.departments.map((d) => `${d.name} (${d.role})`).join(", ")],
        ["Systems", me.systems.join(", ")],
      ]),
    );
  },
};

/** The client for the saved login, or for $CAPSTAN_SERVER/$CAPSTAN_TOKEN or --server when given. */
export async function savedClient(configPath: string, env: NodeJS.ProcessEnv, timeoutMs: number, serverFlag?: string): Promise<ApiClient> {
  const config = await readConfig(configPath);
  const token = env.CAPSTAN_TOKEN || config?.token;
  const server = serverFlag ?? env.CAPSTAN_SERVER ?? config?.server;
  if (!server || !token) throw new CliError("not logged in", ['Log in with "capstan login --server URL".']);
  const normalised = normaliseServer(server);
  // A saved token goes only to the server it was saved for.
  if (!env.CAPSTAN_TOKEN && config && normaliseServer(config.server) !== normalised)
    throw new CliError(`logged in to ${config.server}, not ${normalised}`, [`Log in there with "capstan login --server ${normalised}".`]);
  return new ApiClient({ server: normalised, token, timeoutMs });
}
