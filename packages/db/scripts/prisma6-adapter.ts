/**
 * THE ONLY WORKAROUND FILE.
 *
 * The Prisma 6.19.3 CLI (npm alias "prisma6") can run its schema engine as WebAssembly, talking
 * to Postgres through a driver adapter, so `migrate diff` works offline. @prisma/adapter-pg
 * 6.19.3 needs two fixes for that:
 *  1. Shadow database: the stock connectToShadowDb() spreads `{ ...config, database }` (a
 *     connectionString silently wins over `database`) and drops the database before closing
 *     its pool ("database ... is being accessed by other users"). We build the shadow pool
 *     from separate fields and close it before dropping the database.
 *  2. Introspection queries return columns of type `name` (oid 19) and `"char"` (oid 18), which
 *     the adapter cannot map ("Column type 'name' could not be deserialized"). We report them
 *     as `text` (oid 25); pg already returns their values as strings.
 * Everything else is the stock adapter.
 */
import pg from "pg";
import { PrismaPg } from "prisma6-adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type WithPerformIO = { performIO(query: unknown): Promise<pg.QueryResult> };

const TEXT_OID = 25;
const AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);

function mapNameAndCharToText(adapter: Adapter): Adapter {
  const internals = adapter as unknown as WithPerformIO;
  const performIO = internals.performIO.bind(adapter);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    for (const f of result.fields ?? []) if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    return result;
  };
  return adapter;
}

export function pgFields(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    allowExitOnIdle: true, // let the CLI exit at once instead of waiting for idle clients
  };
}

export class MigrationPg extends PrismaPg {
  private readonly fields: pg.PoolConfig;

  constructor(url: string) {
    const fields = pgFields(url);
    super(fields);
    this.fields = fields;
  }

  override async connect() {
    return mapNameAndCharToText(await super.connect());
  }

  override async connectToShadowDb() {
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await this.admin(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...this.fields, database: name }).connect();
    const closePool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closePool();
      await this.admin(`DROP DATABASE IF EXISTS "${name}"`);
    };
    return mapNameAndCharToText(shadow);
  }

  private async admin(sql: string) {
    const client = new pg.Client(this.fields);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
