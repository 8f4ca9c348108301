import { restartGroup } from "@capstan/usecases";
import { api } from "@/lib/server/api";

type P = { system: string; app: string; group: string };
export const POST = api<P>((ctx, _req, p) => restartGroup(ctx, p.system, p.app, p.group));
