import { globalSearch } from "@capstan/usecases";
import { search } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(search.search, (ctx, req) => globalSearch(ctx, query(req)));
