import type { ListQuery } from "@capstan/domain";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const pageArgs = (q: Pick<ListQuery, "page" | "pageSize">) => ({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });

/** Case-insensitive search over a name and a display name. */
export const nameSearch = (q: string | undefined) =>
  q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { displayName: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : {};
