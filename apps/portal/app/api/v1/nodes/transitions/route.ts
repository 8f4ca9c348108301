import { bulkTransitionNodes } from "@capstan/usecases";
import { NextResponse } from "next/server";
import { api, body } from "@/lib/server/api";

/** Accepted: a background job moves the nodes; follow it at the returned location. */
export const POST = api(async (ctx, req) => {
  const bulk = await bulkTransitionNodes(ctx, await body(req));
  return NextResponse.json(bulk, { status: 202, headers: { location: `/api/v1/nodes/transitions/${bulk.id}` } });
});
