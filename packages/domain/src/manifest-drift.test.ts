import { describe, expect, it } from "vitest";
import { ownedFields, withoutServerBookkeeping } from "./manifest-drift";

describe("ownedFields", () => {
  const applied = {
    metadata: { name: "web", labels: { a: "1" } },
    spec: { replicas: 2, containers: [{ name: "app", image: "x:1", ports: [{ containerPort: 80 }] }], args: ["a"] },
  };

  it("keeps only the fields the manifest sets: server-filled and others' fields are not Capstan's", () => {
    const live = {
      metadata: { name: "web", uid: "u", resourceVersion: "7", labels: { a: "1", team: "t" } },
      spec: {
        replicas: 2,
        progressDeadlineSeconds: 600,
        containers: [
          { name: "sidecar", image: "y" },
          { name: "app", image: "x:1", imagePullPolicy: "IfNotPresent", ports: [{ containerPort: 80, protocol: "TCP" }] },
        ],
        args: ["a"],
      },
      status: { replicas: 2 },
    };
    expect(ownedFields(applied, live)).toEqual(applied);
  });

  it("shows a changed value, a missing field and an item added to an atomic list", () => {
    const live = { metadata: { name: "web", labels: {} }, spec: { replicas: 3, containers: [], args: ["a", "b"] } };
    expect(ownedFields(applied, live)).toEqual({ metadata: { name: "web", labels: {} }, spec: { replicas: 3, containers: [], args: ["a", "b"] } });
  });

  it("is undefined for a missing object", () => expect(ownedFields(applied, undefined)).toBeUndefined());
});

it("withoutServerBookkeeping drops managedFields only", () => {
  expect(withoutServerBookkeeping({ metadata: { name: "a", managedFields: [{}] }, status: {} })).toEqual({ metadata: { name: "a" }, status: {} });
});
