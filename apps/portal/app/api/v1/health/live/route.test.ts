// Liveness (Kubernetes' livenessProbe, deploy/) must not depend on the database, while readiness (/health) does:
// with PostgreSQL unreachable, /health answers 503 and /health/live still 200.
import { beforeAll, describe, expect, it } from "vitest";

const noParams = { params: Promise.resolve({}) };
type Handler = (request: Request, route: typeof noParams) => Promise<Response>;
let live: Handler;
let health: Handler;
beforeAll(async () => {
  process.env.DATABASE_URL = "postgresql://nobody:x@127.0.0.1:9/none"; // port 9 (discard): nothing listens
  // the routes' modules (Next's server, the contract, Prisma) take a while to load on a busy machine
  ({ GET: live } = await import("./route"));
  ({ GET: health } = await import("../route"));
});

describe("GET /api/v1/health/live", () => {
  it("answers 200 while the database is unreachable, where /api/v1/health answers 503", async () => {
    const ready = await health(new Request("http://localhost/api/v1/health"), noParams);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "degraded", database: "unreachable" });
    const alive = await live(new Request("http://localhost/api/v1/health/live"), noParams);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: "ok" });
  });
});
