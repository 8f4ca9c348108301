import { NextResponse } from "next/server";
import { meta } from "@/lib/contract";
import { declared } from "@/lib/server/api";

export const dynamic = "force-dynamic";

/** Liveness for Kubernetes' probe: answers while the process serves requests, without the database (deploy/README.md). */
export const GET = declared(meta.live, async () => NextResponse.json({ status: "ok" }));
