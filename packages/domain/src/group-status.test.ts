import { expect, it } from "vitest";
import { groupPhase } from "./group-status";

const d = (over: object) => ({ generation: 2, observedGeneration: 2, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, conditions: [], ...over });

it("derives a group's phase from its Deployment", () => {
  expect(groupPhase(d({}), 3)).toBe("AVAILABLE");
  expect(groupPhase(d({ observedGeneration: 1 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ updatedReplicas: 1 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ availableReplicas: 1, readyReplicas: 1 }), 3)).toBe("DEGRADED");
  expect(groupPhase(d({ availableReplicas: 0, readyReplicas: 0 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] }), 3)).toBe("FAILED");
  expect(groupPhase(d({ replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 }), 0)).toBe("AVAILABLE");
});
