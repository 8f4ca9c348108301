// Password strength, checked on every password Capstan accepts (create, admin reset, self-service change,
// bootstrap). zxcvbn-ts estimates guesses against ~30,000 common and breached passwords, common names,
// keyboard patterns, repeats, sequences and dates (offline: the word lists ship in the npm package).
import { domainError, fieldError } from "@capstan/domain";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

/**
 * The lowest zxcvbn score accepted: 3 is "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (fewer than 10^10 guesses needed is refused), as zxcvbn's authors recommend for
 * sign-up forms; NIST SP 800-63B §5.1.1.2 asks verifiers to refuse commonly used and compromised values.
 */
export const MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;

// zxcvbn-ts's warning keys, as reasons a person can act on.
const REASONS: Record<string, string> = {
  simpleRepeat: "repeats characters",
  extendedRepeat: "repeats a pattern",
  sequences: "is a sequence such as abc or 123",
  straightRow: "is a row of keys",
  keyPattern: "is a keyboard pattern",
  recentYears: "is built on a recent year",
  dates: "is built on a date",
  topTen: "is one of the ten most common passwords",
  topHundred: "is one of the hundred most common passwords",
  common: "is a common password",
  similarToCommon: "is too similar to a common or breached password",
  namesByThemselves: "is built on a name",
  commonNames: "is built on a common name",
  userInputs: "contains your name or email",
  pwned: "appears in breached passwords",
};

/**
 * Why `password` is too easy to guess, or null when it is strong enough. `userInputs` (the account's
 * email and name) count as known words, so "ada.admin2024" is refused for Ada Admin.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  const inputs = userInputs.flatMap((s) => [s, ...s.toLowerCase().split(/[@.\s_+-]+/)]).filter((s) => s.length >= 3);
  const result = zxcvbn.check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  return REASONS[result.feedback.warning ?? ""] ?? "is too easy to guess";
}

/** Throws 422 `{ password: "<reason>" }` unless the password is strong enough (see passwordWeakness). */
export function assertStrongPassword(password: string, userInputs: string[] = [], field = "password"): void {
  const reason = passwordWeakness(password, userInputs);
  if (reason) throw domainError("password_weak", { problem: reason }, { [field]: fieldError("password_weak", { problem: reason }) });
}
