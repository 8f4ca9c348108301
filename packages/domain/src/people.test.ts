import { describe, expect, it } from "vitest";
import { personName } from "./people";

describe("personName", () => {
  it("is the display name, the e-mail only when the name is blank", () => {
    expect(personName({ name: "Lin Lead", email: "lead@capstan.test" })).toBe("Lin Lead");
    expect(personName({ name: "", email: "lead@capstan.test" })).toBe("lead@capstan.test");
    expect(personName({ name: "  ", email: "lead@capstan.test" })).toBe("lead@capstan.test");
  });
});
