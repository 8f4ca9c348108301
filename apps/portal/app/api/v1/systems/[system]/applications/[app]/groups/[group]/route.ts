import { deleteGroup, getGroup, updateGroup } from "@capstan/usecases";
import { NextResponse } from "next/server";
import { api, body } from "@/lib/server/api";

type P = { system: string; app: string; group: string };
export const GET = api<P>((ctx, _req, p) => getGroup(ctx, p.system, p.app, p.group));
export const PATCH = api<P>(async (ctx, req, p) => updateGroup(ctx, p.system, p.app, p.group, await body(req)));
/** 202: the orchestrator removes the group's objects from its cluster, then the group. */
export const DELETE = api<P>(async (ctx, _req, p) => {
  await deleteGroup(ctx, p.system, p.app, p.group);
  return new NextResponse(null, { status: 202 });
});
