import { mkdtemp, readFile, stat, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, readConfig, removeConfig, writeConfig } from "./config";

const temp = () => mkdtemp(join(tmpdir(), "capstan-cli-"));
const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe("configPath", () => {
  it("is CAPSTAN_CONFIG, else under XDG_CONFIG_HOME, else under ~/.config", () => {
    expect(configPath({ CAPSTAN_CONFIG: "/x/c.json", XDG_CONFIG_HOME: "/xdg", HOME: "/home/u" })).toBe("/x/c.json");
    expect(configPath({ XDG_CONFIG_HOME: "/xdg", HOME: "/home/u" })).toBe("/xdg/capstan/config.json");
    expect(configPath({ HOME: "/home/u" })).toBe("/home/u/.config/capstan/config.json");
    // The XDG specification: a relative XDG_CONFIG_HOME is invalid and is ignored.
    expect(configPath({ XDG_CONFIG_HOME: "rel", HOME: "/home/u" })).toBe("/home/u/.config/capstan/config.json");
  });
});

describe("writeConfig", () => {
  it("writes the file 0600 in a directory it makes 0700, whatever the umask", async () => {
    const path = join(await temp(), "capstan", "config.json");
    const umask = process.umask(0o000);
    try {
      await writeConfig(path, { server: "https://c.example", token: "cap_secret", user: "dev@x" });
    } finally {
      process.umask(umask);
    }
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(path, ".."))).toBe(0o700);
    expect(await readConfig(path)).toEqual({ server: "https://c.example", token: "cap_secret", user: "dev@x" });
  });

  it("makes an existing file readable by others 0600 again", async () => {
    const path = join(await temp(), "config.json");
    await writeFile(path, "{}");
    await chmod(path, 0o644);
    await writeConfig(path, { server: "https://c.example", token: "t", user: "" });
    expect(await mode(path)).toBe(0o600);
  });

  it("leaves an existing directory's mode alone", async () => {
    const dir = await temp();
    await chmod(dir, 0o755);
    await writeConfig(join(dir, "c.json"), { server: "https://c.example", token: "t", user: "" });
    expect(await mode(dir)).toBe(0o755);
  });
});

describe("readConfig and removeConfig", () => {
  it("reads nothing when there is no file, and removes it once", async () => {
    const path = join(await temp(), "none.json");
    expect(await readConfig(path)).toBeUndefined();
    expect(await removeConfig(path)).toBe(false);
    await writeConfig(path, { server: "https://c.example", token: "t", user: "" });
    expect(await removeConfig(path)).toBe(true);
    expect(await readConfig(path)).toBeUndefined();
  });

  it("refuses a file that is not a configuration, saying to log in again", async () => {
    const path = join(await temp(), "bad.json");
    await writeFile(path, "not json");
    await expect(readConfig(path)).rejects.toMatchObject({
      message: expect.stringContaining("is not JSON"),
      lines: [expect.stringContaining("capstan login")],
    });
    await writeFile(path, JSON.stringify({ server: "x" }));
    await expect(readConfig(path)).rejects.toThrow("has no server and token");
    expect(await readFile(path, "utf8")).toContain("server");
  });
});
