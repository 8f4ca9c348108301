import { expect, it } from "vitest";
import { groupPhase, rolloutTrouble } from "./group-status";

const d = (over: object) => ({
  generation: 2,
  observedGeneration: 2,
  replicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  updatedReplicas: 3,
  conditions: [],
  ...over,
});

it("derives a group's phase from its Deployment", () => {
  expect(groupPhase(d({}), 3)).toBe("AVAILABLE");
  expect(groupPhase(d({ observedGeneration: 1 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ updatedReplicas: 1 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ availableReplicas: 1, readyReplicas: 1 }), 3)).toBe("DEGRADED");
  expect(groupPhase(d({ availableReplicas: 0, readyReplicas: 0 }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] }), 3)).toBe("FAILED");
  expect(groupPhase(d({ replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 }), 0)).toBe("AVAILABLE");
});

it("says why a rollout is not converging, from the Deployment's conditions, cause first", () => {
  const quota = {
    type: "ReplicaFailure",
    status: "True",
    reason: "FailedCreate",
    message: 'pods "web-5f-x" is forbidden: exceeded quota: capstan-quota, requested: requests.cpu=1, used: requests.cpu=1, limited: requests.cpu=1',
  };
  const deadline = { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-5f" has timed out progressing.' };
  expect(
    rolloutTrouble([
      { type: "Available", status: "True" },
      { type: "Progressing", status: "True", reason: "ReplicaSetUpdated" },
    ]),
  ).toBeNull();
  expect(rolloutTrouble([{ type: "Progressing", status: "True", reason: "ReplicaSetUpdated" }, quota])).toEqual({
    reason: "FailedCreate",
    message: quota.message,
  });
  expect(rolloutTrouble([deadline])).toEqual({ reason: "ProgressDeadlineExceeded", message: deadline.message });
  expect(rolloutTrouble([deadline, quota])).toEqual({ reason: "FailedCreate", message: `${quota.message} ${deadline.message}` });
  // a failure that has cleared (status False) says nothing
  expect(rolloutTrouble([{ ...quota, status: "False" }])).toBeNull();
});
