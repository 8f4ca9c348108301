// The simulator's stand-in for a process run by `kubectl exec`: a tiny shell that says it is simulated. It runs
// a few commands against a made-up file system (echo, env, hostname, ls, cat, pwd, true, false, help, exit), either
// once (`kubectl exec pod -- hostname`) or as an interactive shell (`kubectl exec -it pod -- sh`), with a
// line editor when a TTY was asked for. Output goes through `ShellIo`; exec.ts carries it over the wire.

/** What the shell knows of where it runs. */
export interface ShellContext {
  /** The pod's name: `hostname` and $HOSTNAME, as in a real pod (hostname = pod name unless spec.hostname). */
  hostname: string;
  namespace: string;
  container: string;
  /** The container's literal `env` values (valueFrom is not resolved). */
  env: Record<string, string>;
  /** Whether a TTY was asked for (`-t`): then input is echoed, lines are edited, and "\n" goes out as "\r\n". */
  tty: boolean;
}

/** Where the shell writes; `exit` is called once, with the exit status. */
export interface ShellIo {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
}

/** Programs that start an interactive shell when run with no arguments. */
const SHELLS = new Set(["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/bash"]);
const PROMPT = "/ # ";

function files(ctx: ShellContext): Record<string, string> {
  return {
    "/etc/hostname": `${ctx.hostname}\n`,
    "/etc/hosts": `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.0.1\t${ctx.hostname}\n`,
    "/etc/os-release": 'NAME="Capstan simulated Linux"\nID=capstan-sim\nVERSION_ID=1.0\nPRETTY_NAME="Capstan simulated Linux 1.0 (not a real container)"\n',
    "/etc/resolv.conf": `search ${ctx.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
    "/proc/1/cmdline": "sleep infinity\n",
    "/var/run/secrets/kubernetes.io/serviceaccount/namespace": ctx.namespace,
  };
}

/** Directory listing of the made-up file system: every parent of every file. */
function listing(ctx: ShellContext, dir: string): string[] | undefined {
  const base = ["bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"];
  const prefix = dir === "/" ? "/" : `${dir.replace(/\/+$/, "")}/`;
  const names = new Set<string>(dir === "/" ? base : []);
  for (const f of Object.keys(files(ctx))) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]!);
  if (names.size === 0 && !base.some((b) => `/${b}` === dir.replace(/\/+$/, ""))) return undefined;
  return [...names].sort();
}

function environment(ctx: ShellContext): Record<string, string> {
  return {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOSTNAME: ctx.hostname,
    HOME: "/root",
    ...(ctx.tty ? { TERM: "xterm" } : {}),
    KUBERNETES_SERVICE_HOST: "10.96.0.1",
    KUBERNETES_SERVICE_PORT: "443",
    ...ctx.env,
  };
}

/**
 * Splits a command line into words: whitespace separates, single quotes keep text as is, double quotes keep
 * spaces and expand $VAR, a backslash escapes the next character. Unquoted and double-quoted $NAME / ${NAME}
 * expand from `env` (unset → empty), as POSIX sh does (without field splitting of expansions).
 */
export function words(line: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else cur += c;
      continue;
    }
    if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
      continue;
    }
    if (c === "$") {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(line.slice(i));
      if (m) {
        cur += env[m[1] ?? m[2]!] ?? "";
        i += m[0].length - 1;
        inWord = true;
        continue;
      }
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The outcome of one command: its exit status, and whether the shell itself must end (`exit`). */
interface Outcome {
  code: number;
  exit?: boolean;
}

function runWords(argv: string[], ctx: ShellContext, out: (s: string) => void, err: (s: string) => void): Outcome {
  const [cmd, ...args] = argv;
  if (cmd === undefined) return { code: 0 };
  switch (cmd) {
    case "echo": {
      const noNewline = args[0] === "-n";
      out((noNewline ? args.slice(1) : args).join(" ") + (noNewline ? "" : "\n"));
      return { code: 0 };
    }
    case "env":
    case "printenv":
      out(
        Object.entries(environment(ctx))
          .map(([k, v]) => `${k}=${v}\n`)
          .join(""),
      );
      return { code: 0 };
    case "hostname":
      out(`${ctx.hostname}\n`);
      return { code: 0 };
    case "pwd":
      out("/\n");
      return { code: 0 };
    case "true":
      return { code: 0 };
    case "false":
      return { code: 1 };
    case "help":
      out(`This is Capstan's simulated shell in pod ${ctx.hostname}, container ${ctx.container}: no real process runs here.\n`);
      out("Commands: echo, env, hostname, ls, cat, pwd, true, false, help, exit.\n");
      return { code: 0 };
    case "ls": {
      let code = 0;
      for (const dir of args.length ? args : ["/"]) {
        const path = dir.startsWith("/") ? dir : `/${dir}`;
        if (files(ctx)[path] !== undefined) {
          out(`${dir}\n`);
          continue;
        }
        const names = listing(ctx, path);
        if (!names) {
          err(`ls: ${dir}: No such file or directory\n`);
          code = 1;
        } else out(names.join("  ") + (names.length ? "\n" : ""));
      }
      return { code };
    }
    case "cat": {
      let code = 0;
      for (const f of args) {
        const path = f.startsWith("/") ? f : `/${f}`;
        const text = files(ctx)[path];
        if (text !== undefined) out(text);
        else if (listing(ctx, path)) {
          err(`cat: read error: Is a directory\n`);
          code = 1;
        } else {
          err(`cat: can't open '${f}': No such file or directory\n`);
          code = 1;
        }
      }
      return { code };
    }
    case "exit": {
      const n = args[0] === undefined ? 0 : Number(args[0]);
      return { code: Number.isInteger(n) ? ((n % 256) + 256) % 256 : 2, exit: true };
    }
    default:
      err(`sh: ${cmd}: not found\n`);
      return { code: 127 };
  }
}

/**
 * One process started by exec. `start` runs a non-interactive command at once and exits with its status;
 * a shell (`sh`, `bash`…, with no arguments) prints a banner and a prompt (with a TTY) and reads lines from
 * `input` until `exit`, end of input (`closeInput`, Ctrl-D on an empty line) or `kill`. `sh -c '…'` runs
 * its one line.
 */
export class SimShell {
  private line = "";
  private status = 0;
  private ended = false;
  private interactive = false;

  constructor(
    private readonly ctx: ShellContext,
    private readonly io: ShellIo,
  ) {}

  /** Runs `command` (argv, as exec's `command` parameters). */
  start(command: string[]): void {
    const [cmd, ...args] = command;
    if (cmd !== undefined && SHELLS.has(cmd) && args[0] === "-c") {
      const r = this.runLine(args[1] ?? "");
      return this.end(r.code);
    }
    if (cmd !== undefined && SHELLS.has(cmd) && args.length === 0) {
      this.interactive = true;
      this.out(`Capstan simulated shell in ${this.ctx.namespace}/${this.ctx.hostname} (${this.ctx.container}); type help for its commands.\n`);
      this.prompt();
      return;
    }
    const r = runWords(
      command,
      this.ctx,
      (s) => this.out(s),
      (s) => this.err(s),
    );
    this.end(r.code);
  }

  /** Bytes typed (stdin). */
  input(data: Buffer | string): void {
    if (!this.interactive || this.ended) return;
    for (const ch of data.toString("utf8")) {
      if (this.ended) return;
      if (!this.ctx.tty) {
        if (ch === "\n") this.enter();
        else this.line += ch;
        continue;
      }
      if (ch === "\r" || ch === "\n") {
        this.out("\n");
        this.enter();
      } else if (ch === "\x7f" || ch === "\b") {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.io.stdout("\b \b");
        }
      } else if (ch === "\x03") {
        this.line = "";
        this.out("^C\n");
        this.prompt();
      } else if (ch === "\x04") {
        if (this.line === "") {
          this.out("\n");
          this.end(this.status);
        }
      } else if (ch >= " ") {
        this.line += ch;
        this.io.stdout(ch);
      }
    }
  }

  /** End of input (v5's close of stdin): a shell ends as sh does at end of file. */
  closeInput(): void {
    if (!this.interactive || this.ended) return;
    if (this.line) this.enter();
    if (!this.ended) this.end(this.status);
  }

  /** The connection went: nothing more is written. */
  kill(): void {
    this.ended = true;
  }

  private enter() {
    const line = this.line;
    this.line = "";
    const r = this.runLine(line);
    this.status = r.code;
    if (r.exit) return this.end(r.code);
    this.prompt();
  }

  private runLine(line: string): Outcome {
    let last: Outcome = { code: 0 };
    for (const part of line.split(";")) {
      last = runWords(
        words(part, environment(this.ctx)),
        this.ctx,
        (s) => this.out(s),
        (s) => this.err(s),
      );
      if (last.exit) return last;
    }
    return last;
  }

  private prompt() {
    if (this.ctx.tty) this.io.stdout(PROMPT);
  }
  private out(s: string) {
    this.io.stdout(this.ctx.tty ? s.replace(/\n/g, "\r\n") : s);
  }
  private err(s: string) {
    // With a TTY, stderr shares the terminal (as a pty merges them): the client shows one stream.
    if (this.ctx.tty) this.io.stdout(s.replace(/\n/g, "\r\n"));
    else this.io.stderr(s);
  }
  private end(code: number) {
    if (this.ended) return;
    this.ended = true;
    this.io.exit(code);
  }
}
