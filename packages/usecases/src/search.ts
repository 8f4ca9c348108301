// Search text matched literally. PostgreSQL's LIKE/ILIKE read '%' and '_' as wildcards and '\' as the
// escape character (its default ESCAPE), and Prisma's `contains`/`startsWith` pass the text into such a
// pattern unescaped; so every search goes through here, and "_" finds an underscore, not every row.

/** The text with LIKE's metacharacters (\ % _) escaped by '\', for use inside a LIKE/ILIKE pattern. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A Prisma string filter: the field contains `text`, ignoring case, every character taken literally. */
export const containsText = (text: string) => ({ contains: escapeLike(text), mode: "insensitive" as const });

/** A Prisma string filter: the field starts with `text` (case-sensitive), every character taken literally. */
export const startsWithText = (text: string) => ({ startsWith: escapeLike(text) });

/** An ILIKE pattern for raw SQL: contains `text`, every character taken literally. */
export const likeContains = (text: string) => `%${escapeLike(text)}%`;
