import { db } from "@capstan/db";
import { NextResponse } from "next/server";
import { meta } from "@/lib/contract";
import { declared } from "@/lib/server/api";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, without authentication (for load balancers and probes). */
export const GET = declared(meta.health, async () => {
  try {
    await db().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", database: "ok" });
  } catch {
    return NextResponse.json({ status: "degraded", database: "unreachable" }, { status: 503 });
  }
});
