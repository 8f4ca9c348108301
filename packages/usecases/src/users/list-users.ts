import { domainError, parseInput, readsEverything, type USER_SORTS, UserListQuery } from "@capstan/domain";
import type { Context } from "../context";
import { type Page, pageArgs } from "../page";
import { toUserDto, type UserDto } from "./user-dto";
import { containsText } from "../search";

type Dir = "asc" | "desc";
/** Each sort field as Prisma orderBy terms; the e-mail (unique) then keeps pages stable. */
const ORDER = {
  email: (d: Dir) => [{ email: d }],
  name: (d: Dir) => [{ name: d }],
  createdAt: (d: Dir) => [{ createdAt: d }],
} satisfies Record<(typeof USER_SORTS)[number], (d: Dir) => object[]>;

/**
 * Everyone with an account; for platform admins and ops. `sort` is "field" or "-field" over USER_SORTS
 * (default email).
 * @throws DomainError 403 for other roles; 400 naming each bad query parameter.
 */
export async function listUsers(ctx: Context, query: unknown): Promise<Page<UserDto>> {
  if (!readsEverything(ctx.actor)) throw domainError("forbidden_list_people");
  const q = parseInput(UserListQuery, query, "query");
  const where = q.q ? { OR: [{ email: containsText(q.q) }, { name: containsText(q.q) }] } : {};
  const [rows, total] = await Promise.all([
    ctx.db.user.findMany({ where, orderBy: [...ORDER[q.sort.field](q.sort.desc ? "desc" : "asc"), { email: "asc" as const }], ...pageArgs(q) }),
    ctx.db.user.count({ where }),
  ]);
  return { items: rows.map(toUserDto), total, page: q.page, pageSize: q.pageSize };
}
