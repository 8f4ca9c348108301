// The API's error body: code, English message and fields as before, and the catalogue's reason and params
// beside them (issue 13), and per field its reason and params in fieldReasons, so the portal can render
// it in the reader's language.
import { domainError, fieldError, notFound } from "@capstan/domain";
import { expect, it } from "vitest";
import { errorResponse } from "./api";

it("sends the reason and params of an error from the catalogue", async () => {
  const response = errorResponse(notFound("Group", "web", { group: fieldError("not_found") }));
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({
    error: {
      code: "not_found",
      message: 'Group "web" was not found.',
      fields: { group: "does not exist" },
      reason: "not_found",
      params: { what: "Group", name: "web" },
      fieldReasons: { group: { reason: "not_found", params: {} } },
    },
  });
});

it("sends each field's English in fields and its reason and params in fieldReasons", async () => {
  const e = domainError(
    "image_not_in_registry",
    { system: "shop", application: "web", tag: "1.0", dataCentre: "dc-1" },
    {
      imageTag: fieldError("image_not_in_registry", { dataCentre: "dc-1" }),
    },
  );
  expect(await errorResponse(e).json()).toEqual({
    error: {
      code: "invalid",
      message: "shop/web:1.0 is not in the registry of dc-1.",
      fields: { imageTag: "is not in the registry of dc-1" },
      reason: "image_not_in_registry",
      params: { system: "shop", application: "web", tag: "1.0", dataCentre: "dc-1" },
      fieldReasons: { imageTag: { reason: "image_not_in_registry", params: { dataCentre: "dc-1" } } },
    },
  });
});
