// Reading the token at login: from the terminal without echo (as `sudo` and `docker login` ask for a
// password), or the first line of stdin when it is not a terminal (`… | capstan login`), so the token need
// not appear in the command line, where `ps` shows it.
import type { Io } from "./command";
import { CliError } from "./errors";

/** The token typed (or piped) in, trimmed. @throws CliError when input ends before one is given, or on Ctrl-C */
export async function readSecret(io: Io, prompt: string): Promise<string> {
  const stdin = io.stdin;
  if (!stdin.isTTY || !stdin.setRawMode) return firstLine(stdin);
  io.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = "";
      const onData = (chunk: Buffer | string) => {
        for (const ch of chunk.toString()) {
          if (ch === "\r" || ch === "\n") return done(() => resolve(typed.trim()));
          if (ch === "\u0003") return done(() => reject(new CliError("login cancelled")));
          if (ch === "\u0004" && typed === "") return done(() => reject(new CliError("no token given")));
          if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
          else if (ch >= " ") typed += ch;
        }
      };
      const done = (settle: () => void) => {
        stdin.off("data", onData);
        io.stderr.write("\n");
        settle();
      };
      stdin.on("data", onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes("\n")) break;
  }
  const line = text.split("\n")[0]!.trim();
  if (!line) throw new CliError("no token given on stdin", ["Give it with --token, or type it when asked at a terminal."]);
  return line;
}
