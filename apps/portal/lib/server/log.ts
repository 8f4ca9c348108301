// The portal's log (docs/observability.md): JSON lines, or readable `[portal] …` lines on a terminal
// (CAPSTAN_LOG_FORMAT, CAPSTAN_LOG_LEVEL); every line written while an API request runs names its id.
import "server-only";
import { currentRequestId } from "@capstan/db/request-context";
import { createLogger, type Logger, logFormatFrom, logLevelFrom } from "@capstan/domain";

const KEY = Symbol.for("capstan.portal-logger");
const holder = globalThis as unknown as { [KEY]?: Logger };

/** The portal process's logger, writing to stdout (one per process, however many route bundles import it). */
export const logger: Logger = (holder[KEY] ??= createLogger({
  name: "portal",
  format: logFormatFrom(process.env.CAPSTAN_LOG_FORMAT, process.stdout.isTTY === true),
  level: logLevelFrom(process.env.CAPSTAN_LOG_LEVEL),
  write: (line) => void process.stdout.write(line),
  context: () => ({ requestId: currentRequestId() }),
}));
