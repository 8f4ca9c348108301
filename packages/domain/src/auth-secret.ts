// Whether AUTH_SECRET can sign sessions: anyone who knows it can forge a session cookie for any user.

/** The fewest characters accepted: `openssl rand -base64 32` (next-auth's advice) gives 44. */
export const MIN_AUTH_SECRET_LENGTH = 32;

// Values shipped in examples and old compose files, and the usual placeholders; compared without case,
// spaces, dashes and underscores.
const PLACEHOLDERS = [
  "change-me-to-a-long-random-string",
  "changeme",
  "change-me",
  "changethis",
  "replace-me",
  "secret",
  "supersecret",
  "mysecret",
  "your-secret-here",
  "authsecret",
  "nextauthsecret",
  "capstan",
  "password",
  "development",
  "test",
  "example",
].map(normalise);

// Words that mark a value as a placeholder wherever they appear in it.
const TELLTALES = ["changeme", "changethis", "replaceme", "yoursecret", "placeholder"];

function normalise(s: string) {
  return s.toLowerCase().replace(/[\s_-]+/g, "");
}

/**
 * Why `value` cannot be AUTH_SECRET, or null when it can: missing, a known placeholder (or one repeated,
 * e.g. "changeme" four times, or any value containing "changeme" and the like), shorter than 32 characters, or built from fewer than 8 distinct
 * characters (a run such as "aaaa…" has no entropy whatever its length).
 */
export function authSecretProblem(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return "AUTH_SECRET is not set";
  const n = normalise(value);
  if (PLACEHOLDERS.some((p) => n.replaceAll(p, "") === "") || TELLTALES.some((w) => n.includes(w))) return "AUTH_SECRET is a placeholder value";
  if (value.length < MIN_AUTH_SECRET_LENGTH) return `AUTH_SECRET is shorter than ${MIN_AUTH_SECRET_LENGTH} characters`;
  if (new Set(value).size < 8) return "AUTH_SECRET repeats too few characters to be random";
  return null;
}

/** The message an operator sees when the portal refuses to start. */
export const authSecretAdvice = (problem: string) =>
  `${problem}: set it to a random value of at least ${MIN_AUTH_SECRET_LENGTH} characters, e.g. \`openssl rand -base64 32\` (anyone who knows it can forge sessions).`;
