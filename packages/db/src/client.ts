import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client handed to use cases inside a transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(url: string, poolSize = 10): Db {
  const pool: PoolRef = {};
  const db = new PrismaClient({ adapter: oneQueryAtATimeInTransactions(new PrismaPg({ connectionString: url, max: poolSize }), pool) });
  POOLS.set(db, pool);
  return db;
}

/** The pg Pool behind a client, once it has connected (Prisma connects on the first query). */
type PoolRef = { current?: { totalCount: number; idleCount: number; waitingCount: number } };
const POOLS = new WeakMap<Db, PoolRef>();

/**
 * A client's connection pool now (node-postgres' Pool counts): connections open, those idle, and queries
 * waiting for one; all 0 before its first query. For the `capstan_db_pool_connections` metric
 * (docs/observability.md). Undefined for a client createDb did not make.
 */
export function poolUse(db: Db): { total: number; idle: number; waiting: number } | undefined {
  const ref = POOLS.get(db);
  if (!ref) return undefined;
  const p = ref.current;
  return { total: p?.totalCount ?? 0, idle: p?.idleCount ?? 0, waiting: p?.waitingCount ?? 0 };
}

type Fn = (...args: unknown[]) => Promise<unknown>;

/**
 * The adapter, with each transaction's queries sent one after another. A transaction is one pg connection,
 * and Prisma's query plan fetches an include's relations side by side (its `join` node, Promise.all), which
 * queued queries on that connection: pg 8.19 deprecates that and pg 9 refuses it (prisma/orm#29468, open).
 * Outside transactions queries go to the pool, as before.
 */
function oneQueryAtATimeInTransactions(factory: PrismaPg, pool: PoolRef): PrismaPg {
  const bound = (target: object, prop: string | symbol) => {
    const v: unknown = Reflect.get(target, prop, target);
    return typeof v === "function" ? (v as Fn).bind(target) : v;
  };
  const transaction = (tx: object) => {
    let tail: Promise<unknown> = Promise.resolve();
    const inTurn =
      (query: Fn): Fn =>
      (...args) => {
        const run = tail.then(() => query(...args));
        tail = run.catch(() => undefined);
        return run;
      };
    return new Proxy(tx, {
      get: (target, prop) => (prop === "queryRaw" || prop === "executeRaw" ? inTurn(bound(target, prop) as Fn) : bound(target, prop)),
    });
  };
  const adapter = (a: object) =>
    new Proxy(a, {
      get: (target, prop) =>
        prop === "startTransaction" ? async (...args: unknown[]) => transaction((await (bound(target, prop) as Fn)(...args)) as object) : bound(target, prop),
    });
  return new Proxy(factory, {
    get: (target, prop) =>
      prop === "connect"
        ? async () => {
            const connected = await target.connect();
            pool.current = connected.underlyingDriver(); // the Pool the adapter made, for poolUse
            return adapter(connected);
          }
        : bound(target, prop),
  });
}

const globalForDb = globalThis as unknown as { capstanDb?: Db };

/** The process-wide client, from DATABASE_URL; survives Next.js hot reloads. */
export function db(): Db {
  if (!globalForDb.capstanDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForDb.capstanDb = createDb(url);
  }
  return globalForDb.capstanDb;
}
