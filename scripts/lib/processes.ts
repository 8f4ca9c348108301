// Child processes of `npm start`: started with the portal's environment, stopped with it; the worker is
// supervised: restarted with backoff when it dies, rather than taking the portal down.
import { type ChildProcess, spawn } from "node:child_process";
import readline from "node:readline";

/**
 * A child's output line as `npm start` prints it: after the child's name in brackets, unless the child
 * named itself already (the worker and the gateway prefix their own lines, as they do when run alone).
 */
export function prefixed(name: string, line: string): string {
  return line.startsWith(`[${name}]`) ? line : `[${name}] ${line}`;
}

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, readyLine?: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (line: string) => console.log(prefixed(name, line));
    readline.createInterface({ input: child.stderr! }).on("line", prefix);
    const out = readline.createInterface({ input: child.stdout! });
    out.on("line", (line) => {
      if (readyLine && line.trim() === readyLine) resolve(child);
      else prefix(line);
    });
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    if (!readyLine) resolve(child);
  });
}

export interface SuperviseOptions {
  /** First delay before a restart (1 s); doubles after each quick death, up to `maxDelayMs` (30 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long (60 s) before dying was healthy: its restart waits `initialDelayMs` again. */
  healthyAfterMs?: number;
  /** Told of every restart, with the delay waited before it. */
  onRestart?: (restarts: number, delayMs: number, code: number | null) => void;
}

export interface Supervised {
  /** The child running now (undefined while waiting to restart one). */
  readonly child: ChildProcess | undefined;
  /** Stops supervising and ends the child (SIGTERM), resolving once it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs a child and starts it again whenever it exits, after a delay that doubles while it keeps dying
 * quickly (as systemd's Restart=always with a growing RestartSec, or Kubernetes' CrashLoopBackOff: 1 s up
 * to 30 s here, reset after a healthy minute). Resolves once the first child has started.
 */
export async function supervise(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, opts: SuperviseOptions = {}): Promise<Supervised> {
  const initial = opts.initialDelayMs ?? 1_000;
  const max = opts.maxDelayMs ?? 30_000;
  const healthyAfter = opts.healthyAfterMs ?? 60_000;
  let delay = initial;
  let restarts = 0;
  let stopping = false;
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;

  const launch = async () => {
    const startedAt = Date.now();
    const c = await startChild(name, command, args, env);
    child = c;
    c.once("exit", (code) => {
      child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfter) delay = initial;
      const wait = delay;
      delay = Math.min(max, delay * 2);
      restarts++;
      console.log(`[${name}] exited with ${code}; restarting in ${(wait / 1000).toFixed(1)} s`);
      opts.onRestart?.(restarts, wait, code);
      timer = setTimeout(() => void launch().catch((e: Error) => console.log(`[${name}] ${e.message}`)), wait);
    });
  };
  await launch();
  return {
    get child() {
      return child;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGTERM");
      await exited;
    },
  };
}
