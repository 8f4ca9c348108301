// Capstan's own log lines (docs/observability.md): one JSON object per line for log collectors, or a short
// readable line for a person at a terminal, from the same record; and the request id that ties a portal
// request to the jobs it queued. Pure: the writer (process.stdout) is the caller's.

/** The header a request id comes in and goes back out in (the de-facto name Heroku, nginx and Envoy use). */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * Whether an incoming request id may be kept: 1–128 characters of letters, digits and `-_.:` (UUIDs, ULIDs,
 * hex trace ids, a load balancer's own). Anything else is replaced by a new id, so a client cannot write
 * control characters, markup or a megabyte into every log line and job.
 */
export function isRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_.:-]{1,128}$/.test(value);
}

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `json`: one JSON object per line; `text`: `[name] msg key=value …`, for a terminal. */
export type LogFormat = "json" | "text";

/** Field values a log line may carry. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A field whose name says it holds a credential is never written, whatever a caller passes. */
const SECRET_FIELD = /token|secret|password|cookie|authorization|credential/i;

/**
 * The format from CAPSTAN_LOG_FORMAT (`json` or `text`); unset: text on a terminal, JSON otherwise.
 * Throws a RangeError naming the variable for any other value.
 */
export function logFormatFrom(value: string | undefined, isTty: boolean): LogFormat {
  if (value === undefined || value === "") return isTty ? "text" : "json";
  if (value === "json" || value === "text") return value;
  throw new RangeError(`CAPSTAN_LOG_FORMAT must be json or text, not ${JSON.stringify(value)}`);
}

/** The lowest level written, from CAPSTAN_LOG_LEVEL (default info). Throws a RangeError naming the variable for an unknown level. */
export function logLevelFrom(value: string | undefined): LogLevel {
  if (value === undefined || value === "") return "info";
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new RangeError(`CAPSTAN_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not ${JSON.stringify(value)}`);
}

/**
 * One log line, newline included. JSON: `{"time","level","name","msg",…fields}` (time in ISO 8601 UTC);
 * text: `[name] msg key=value …` with the level shown only when it is not info. Undefined fields are left
 * out; fields named like a credential are written as "[redacted]".
 */
export function formatLogLine(format: LogFormat, record: { time: Date; level: LogLevel; name: string; msg: string; fields?: LogFields }): string {
  const fields: LogFields = {};
  for (const [k, v] of Object.entries(record.fields ?? {})) if (v !== undefined) fields[k] = SECRET_FIELD.test(k) ? "[redacted]" : v;
  if (format === "json") return `${JSON.stringify({ time: record.time.toISOString(), level: record.level, name: record.name, msg: record.msg, ...fields })}\n`;
  const level = record.level === "info" ? "" : `${record.level}: `;
  const extra = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === "string" && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v)}`);
  return `[${record.name}] ${level}${record.msg}${extra.join("")}\n`;
}

/** A logger: `info("msg", { field })`. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * A logger writing lines of `format` at `level` and above through `write` (e.g. process.stdout's); `context`
 * adds fields to every line (e.g. the current request's id), which a line's own fields override.
 */
export function createLogger(opts: {
  name: string;
  format: LogFormat;
  level: LogLevel;
  write: (line: string) => void;
  context?: () => LogFields;
  now?: () => Date;
}): Logger {
  const min = LOG_LEVELS.indexOf(opts.level);
  const now = opts.now ?? (() => new Date());
  const at =
    (level: LogLevel) =>
    (msg: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(level) >= min)
        opts.write(formatLogLine(opts.format, { time: now(), level, name: opts.name, msg, fields: { ...opts.context?.(), ...fields } }));
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
