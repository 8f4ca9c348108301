// PostgreSQL refusing a value is the caller's fault, not ours: one place turns those errors into 4xx,
// for writes (mutation()) and reads (the API's error handler) alike.
import { type DomainError, domainError } from "@capstan/domain";

/** Prisma's codes for values the database refused (https://www.prisma.io/docs/orm/reference/error-reference). */
const PRISMA_VALUE_ERRORS: Record<string, string> = {
  P2000: "A value is too long for its field.",
  P2005: "A value does not fit its field's type.",
  P2006: "A value is not valid for its field.",
  P2007: "A value is not valid for its field.",
  P2019: "A value is not valid for its field.",
  P2020: "A number is out of range.",
  P2023: "A value is not valid for its field.",
};

interface PrismaLikeError {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
}

/**
 * A 400 for an error in which the database refused a value the request carried: Prisma's value
 * errors (PRISMA_VALUE_ERRORS) and PostgreSQL's SQLSTATE class 22 "data exception" (e.g. 22021
 * invalid byte sequence, 22P02 invalid text representation, 22003 numeric value out of range), which
 * Prisma passes on as P2010 (raw queries) or P2039 with the driver's code. Undefined for anything
 * else, which stays a 500. The message names no column or value: the schemas already reported what
 * they could, and database messages are not for callers.
 */
function databaseValueError(e: unknown): DomainError | undefined {
  if (e === null || typeof e !== "object") return undefined;
  const err = e as PrismaLikeError;
  const sqlState = err.meta?.driverAdapterError?.cause?.originalCode;
  const prisma = typeof err.code === "string" ? PRISMA_VALUE_ERRORS[err.code] : undefined;
  const message = prisma ?? (typeof sqlState === "string" && sqlState.startsWith("22") ? "A value is not valid for its field." : undefined);
  return message === undefined ? undefined : domainError("database_refused", { detail: message });
}

/**
 * A 503 (database_busy) for an error in which no connection (Prisma P2024) or no transaction (P2028) was
 * had within the wait: the work never started, so nothing was written and the client may try again; then
 * the 400 of databaseValueError; undefined for anything else, which stays a 500. Used by mutations and by
 * the API for every answer, reads included.
 */
export function databaseError(e: unknown): DomainError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "P2024" || code === "P2028") return domainError("database_busy");
  return databaseValueError(e);
}
