// The worker's log (docs/observability.md): JSON lines, or readable `[worker] …` lines on a terminal
// (CAPSTAN_LOG_FORMAT, CAPSTAN_LOG_LEVEL). A value of either that is not understood stops the worker at start.
import { currentRequestId } from "@capstan/db/request-context";
import { createLogger, type Logger, logFormatFrom, logLevelFrom } from "@capstan/domain";

/** The worker process's logger, writing to stdout; a line written while a job runs names its request (controller.ts). */
export const logger = createLogger({
  name: "worker",
  format: logFormatFrom(process.env.CAPSTAN_LOG_FORMAT, process.stdout.isTTY === true),
  level: logLevelFrom(process.env.CAPSTAN_LOG_LEVEL),
  write: (line) => void process.stdout.write(line),
  context: () => ({ requestId: currentRequestId() }),
});

/**
 * A logger whose lines (text, info and above) go to a plain `log(msg)` function: what a worker started with
 * only `log` (tests, benches) uses, so their choice to silence or collect lines holds for these too.
 */
export const loggerOnto = (log: (msg: string) => void): Logger =>
  createLogger({ name: "worker", format: "text", level: "info", write: (line) => log(line.trimEnd()), context: () => ({ requestId: currentRequestId() }) });
