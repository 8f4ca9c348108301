import { domainError, ListQuery, parseInput, readsEverything } from "@capstan/domain";
import type { Context } from "../context";
import { type Page, pageArgs } from "../page";
import { toUserDto, type UserDto } from "./user-dto";
import { containsText } from "../search";

/** Everyone with an account; for platform admins and ops. */
export async function listUsers(ctx: Context, query: unknown): Promise<Page<UserDto>> {
  if (!readsEverything(ctx.actor)) throw domainError("forbidden_list_people");
  const q = parseInput(ListQuery, query, "query");
  const where = q.q ? { OR: [{ email: containsText(q.q) }, { name: containsText(q.q) }] } : {};
  const [rows, total] = await Promise.all([ctx.db.user.findMany({ where, orderBy: { email: "asc" }, ...pageArgs(q) }), ctx.db.user.count({ where })]);
  return { items: rows.map(toUserDto), total, page: q.page, pageSize: q.pageSize };
}
