import { checkCluster } from "@capstan/usecases";
import { api } from "@/lib/server/api";

/** Contacts the cluster now and returns its recorded health. */
export const POST = api<{ cluster: string }>((ctx, _req, p) => checkCluster(ctx, p.cluster));
