import { getSystemQuotas } from "@capstan/usecases";
import { api } from "@/lib/server/api";

export const GET = api<{ system: string }>((ctx, _req, p) => getSystemQuotas(ctx, p.system));
