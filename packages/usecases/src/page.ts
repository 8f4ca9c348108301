import type { ListQuery } from "@capstan/domain";
import { containsText } from "./search";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const pageArgs = (q: Pick<ListQuery, "page" | "pageSize">) => ({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });

/** Case-insensitive search over a name and a display name, every character taken literally. */
export const nameSearch = (q: string | undefined) =>
  q
    ? {
        OR: [{ name: containsText(q) }, { displayName: containsText(q) }],
      }
    : {};
