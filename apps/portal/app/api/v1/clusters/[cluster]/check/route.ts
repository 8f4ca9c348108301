import { checkCluster } from "@capstan/usecases";
import { fleet } from "@/lib/contract";
import { api } from "@/lib/server/api";

/** Contacts the cluster now and returns its recorded health. */
export const POST = api(fleet.checkCluster, (ctx, _req, p) => checkCluster(ctx, p.cluster));
