// Child processes of `npm start`: started with the portal's environment, stopped with it.
import { type ChildProcess, spawn } from "node:child_process";
import readline from "node:readline";

export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, readyLine?: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = (line: string) => console.log(`[${name}] ${line}`);
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
