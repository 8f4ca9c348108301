import { z } from "zod";
import { SINGLE_LINE, singleLine } from "./text";

/** Kubernetes DNS-1123 label: it becomes a namespace, a Harbor project or part of an object name. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabel = z
  .string({ error: "must be a string" })
  .min(1, "is required")
  .max(63, "must be at most 63 characters")
  .refine((s) => DNS_LABEL.test(s), {
    error:
      "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit",
  });

export const displayName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters").refine(singleLine, SINGLE_LINE);
export const description = z.string().max(2000, "must be at most 2000 characters");
export const email = z.email("must be an email address").max(254).transform((s) => s.toLowerCase());

/** A UUID as PostgreSQL's uuid type reads it (8-4-4-4-12 hex digits): anything else names no row. */
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
