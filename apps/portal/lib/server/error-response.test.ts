// The API's error body: code, English message and fields as before, and the catalogue's reason and params
// beside them when the error has one (issue 13), so the portal can render it in the reader's language.
import { conflict, notFound } from "@capstan/domain";
import { expect, it } from "vitest";
import { errorResponse } from "./api";

it("sends the reason and params of an error from the catalogue", async () => {
  const response = errorResponse(notFound("Group", "web", { group: "does not exist" }));
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({
    error: {
      code: "not_found",
      message: 'Group "web" was not found.',
      fields: { group: "does not exist" },
      reason: "not_found",
      params: { what: "Group", name: "web" },
    },
  });
});

it("sends code, message and fields alone for a message not yet in the catalogue", async () => {
  const response = errorResponse(conflict("Busy.", { name: "is taken" }));
  expect(await response.json()).toEqual({ error: { code: "conflict", message: "Busy.", fields: { name: "is taken" } } });
});
