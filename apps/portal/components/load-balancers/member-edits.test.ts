import { describe, expect, it } from "vitest";
import { keepMemberEdits } from "./member-edits";

const rows = (o: Record<string, string>) => Object.entries(o).map(([group, weight]) => ({ group, weight }));

describe("keepMemberEdits", () => {
  it("keeps the user's own edits and takes every other member as the other person saved it", () => {
    const start = rows({ web: "3", canary: "1", old: "1" });
    // This edit: canary's weight, old removed, green added.
    const draft = rows({ web: "3", canary: "2", green: "4" });
    // Theirs meanwhile: web's weight, blue added.
    const now = rows({ web: "5", canary: "1", old: "1", blue: "1" });
    expect(keepMemberEdits(start, draft, now)).toEqual(rows({ web: "5", canary: "2", blue: "1", green: "4" }));
  });

  it("drops a member they removed that this edit did not touch, and keeps this edit's weight for one both changed", () => {
    const start = rows({ web: "3", canary: "1" });
    const draft = rows({ web: "7", canary: "1" });
    expect(keepMemberEdits(start, draft, rows({ web: "5" }))).toEqual(rows({ web: "7" }));
  });

  it("with nothing changed here, is their list", () => {
    const start = rows({ web: "3", canary: "1" });
    expect(keepMemberEdits(start, start, rows({ canary: "2", web: "3" }))).toEqual(rows({ canary: "2", web: "3" }));
  });
});
