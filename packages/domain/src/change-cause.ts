// Why a group got a new revision. Stored as English text, as kubectl's change-cause is, so the history
// reads the same from the API, the audit log and the database; parsed back for pages in other languages.
export type ChangeCause =
  | { kind: "created" }
  | { kind: "restarted" }
  | { kind: "rolledOut"; image: string }
  | { kind: "rolledBack"; revision: number }
  | { kind: "changed"; fields: string[] }
  /** Rolled out by Capstan because the group follows `branch` and build number `build` of it pushed `image`. */
  | { kind: "followed"; branch: string; build: number; image: string };

export function changeCauseText(c: ChangeCause): string {
  switch (c.kind) {
    case "created":
    case "restarted":
      return c.kind;
    case "rolledOut":
      return `rolled out image ${c.image}`;
    case "rolledBack":
      return `rolled back to revision ${c.revision}`;
    case "changed":
      return `changed ${c.fields.join(", ") || "nothing"}`;
    case "followed":
      return `followed ${c.branch}: build #${c.build}, image ${c.image}`;
  }
}

/** The cause behind a stored text; undefined for text this module did not write. */
export function parseChangeCause(text: string): ChangeCause | undefined {
  if (text === "created" || text === "restarted") return { kind: text };
  let m = /^rolled out image (\S+)$/.exec(text);
  if (m) return { kind: "rolledOut", image: m[1]! };
  if ((m = /^rolled back to revision (\d+)$/.exec(text))) return { kind: "rolledBack", revision: Number(m[1]) };
  if ((m = /^followed (\S+): build #(\d+), image (\S+)$/.exec(text))) return { kind: "followed", branch: m[1]!, build: Number(m[2]), image: m[3]! };
  if ((m = /^changed (.+)$/.exec(text))) return { kind: "changed", fields: m[1] === "nothing" ? [] : m[1]!.split(", ") };
  return undefined;
}
