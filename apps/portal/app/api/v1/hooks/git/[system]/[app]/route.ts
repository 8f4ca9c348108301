// The one /api/v1 route without credentials besides health and the OpenAPI document: git hosts prove the
// application's secret instead (receiveGitPush checks the signature before reading anything else). So it
// does not go through api(), whose first step is authentication; the body is read raw (the signature is
// over its exact bytes), at most 1 MiB.
import { db } from "@capstan/db";
import { domainError } from "@capstan/domain";
import { receiveGitPush } from "@capstan/usecases/internal";
import { NextResponse } from "next/server";
import { builds } from "@/lib/contract";
import { errorResponse, type RouteHandler } from "@/lib/server/api";

export const dynamic = "force-dynamic";

/** Push payloads with many commits run to a few hundred KiB; GitHub caps deliveries at 25 MiB. */
const MAX_BYTES = 1024 * 1024;

export const POST: RouteHandler<typeof builds.gitWebhook> = Object.assign(
  async (request: Request, route: { params: Promise<Record<string, string>> }) => {
    try {
      const { system = "", app = "" } = (await route.params) ?? {};
      if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) throw domainError("body_too_large", { limitKiB: MAX_BYTES / 1024 });
      const body = new Uint8Array(await request.arrayBuffer());
      if (body.length > MAX_BYTES) throw domainError("body_too_large", { limitKiB: MAX_BYTES / 1024 });
      return NextResponse.json(await receiveGitPush(db(), system, app, request.headers, body), { status: 202 });
    } catch (e) {
      return errorResponse(e);
    }
  },
  { route: builds.gitWebhook },
);
