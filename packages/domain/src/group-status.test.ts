import { expect, it } from "vitest";
import { groupPhase, groupTrouble, isTransition, podTrouble, readyUpdatedReplicas, rolloutTrouble, withPodTrouble } from "./group-status";

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

const progressing = (reason: string) => ({ type: "Progressing", status: "True", reason });

it("derives a group's phase from its Deployment", () => {
  expect(groupPhase(d({}), 3)).toBe("AVAILABLE");
  expect(groupPhase(d({ replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 }), 0)).toBe("AVAILABLE");
});

it("calls scaling up a healthy group Scaling at every step, never Degraded", () => {
  const before = { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 };
  // spec.replicas 3 written, not yet observed
  expect(groupPhase(d({ ...before, observedGeneration: 1 }), 3)).toBe("SCALING");
  // observed: the ReplicaSet is scaled, its new pod not yet created, then created but not ready
  expect(groupPhase(d({ ...before, conditions: [progressing("NewReplicaSetAvailable")] }), 3)).toBe("SCALING");
  expect(groupPhase(d({ ...before, replicas: 3, updatedReplicas: 3, conditions: [progressing("ReplicaSetUpdated")] }), 3)).toBe("SCALING");
  expect(groupPhase(d({}), 3)).toBe("AVAILABLE");
});

it("calls scaling down Scaling", () => {
  expect(groupPhase(d({ observedGeneration: 1 }), 1)).toBe("SCALING");
  expect(groupPhase(d({}), 1)).toBe("SCALING");
  expect(groupPhase(d({ replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 }), 1)).toBe("AVAILABLE");
});

it("calls a rollout, rollback or restart Rolling out while old pods remain, never Degraded", () => {
  // the new template is not yet observed
  expect(groupPhase(d({ observedGeneration: 1 }), 3)).toBe("PROGRESSING");
  // a surge pod of the new revision, not ready; then old pods being replaced; then old pods terminating
  const rolling = [progressing("ReplicaSetUpdated")];
  expect(groupPhase(d({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: rolling }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: rolling }), 3)).toBe("PROGRESSING");
  expect(groupPhase(d({ replicas: 4, updatedReplicas: 3, conditions: rolling }), 3)).toBe("PROGRESSING");
  // Available=False (below minimum availability) mid-rollout is still a transition
  const unavailable = [{ type: "Available", status: "False", reason: "MinimumReplicasUnavailable" }, ...rolling];
  expect(groupPhase(d({ replicas: 3, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: unavailable }), 3)).toBe("PROGRESSING");
});

it("keeps Degraded and Failed for faults the cluster reports", () => {
  const quota = { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "exceeded quota" };
  expect(
    groupPhase(d({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [progressing("ReplicaSetUpdated"), quota] }), 3),
  ).toBe("DEGRADED");
  expect(groupPhase(d({ replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, conditions: [quota] }), 3)).toBe("DEGRADED");
  const deadline = { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" };
  expect(groupPhase(d({ availableReplicas: 1, readyReplicas: 1, conditions: [deadline] }), 3)).toBe("FAILED");
  expect(groupPhase(d({ availableReplicas: 1, readyReplicas: 1, conditions: [deadline, quota] }), 3)).toBe("FAILED");
  // a cleared failure is no fault
  expect(groupPhase(d({ conditions: [{ ...quota, status: "False" }] }), 3)).toBe("AVAILABLE");
});

it("names the healthy transitions", () => {
  expect(["PENDING", "PROGRESSING", "SCALING", "AVAILABLE", "DEGRADED", "FAILED", "DELETING"].filter(isTransition)).toEqual(["PROGRESSING", "SCALING"]);
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

it("counts ready pods of the new revision, never more than are updated and ready", () => {
  // "2 of 2 pods updated, 1 ready": the bar is at 1, not 2
  expect(readyUpdatedReplicas({ replicas: 2, updatedReplicas: 2, readyReplicas: 1 })).toBe(1);
  // 1 new pod (not ready) beside 3 ready old ones
  expect(readyUpdatedReplicas({ replicas: 4, updatedReplicas: 1, readyReplicas: 3 })).toBe(0);
  expect(readyUpdatedReplicas({ replicas: 4, updatedReplicas: 2, readyReplicas: 4 })).toBe(2);
  expect(readyUpdatedReplicas({ replicas: 3, updatedReplicas: 3, readyReplicas: 3 })).toBe(3);
});

it("reads a group with a crash-looping pod as Degraded, naming the pod, unless its rollout failed", () => {
  const pod = (name: string, over: object = {}) => ({ name, phase: "Running", ready: true, restarts: 0, reason: null, message: null, ...over });
  const pods = [
    pod("web-1"),
    pod("web-0", { phase: "Terminating", ready: false, reason: "CrashLoopBackOff", message: "leaving" }),
    pod("web-2", { ready: false, restarts: 2, reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container=app" }),
  ];
  const trouble = podTrouble(pods);
  expect(trouble).toEqual({ pod: "web-2", reason: "CrashLoopBackOff", message: "back-off 20s restarting failed container=app" });
  expect(podTrouble(pods.slice(0, 2))).toBeNull();
  // between two crashes: running again, not ready since its restarts
  expect(podTrouble([pod("web-3", { ready: false, restarts: 3 })])).toEqual({
    pod: "web-3",
    reason: "CrashLoopBackOff",
    message: "restarted 3 times, not ready since",
  });
  // a new pod not ready yet (a scale), and a pod that restarted once and recovered, are not crash loops
  expect(podTrouble([pod("web-4", { ready: false }), pod("web-5", { restarts: 1 })])).toBeNull();
  // the Deployment sees a pod that is not ready, as in a healthy scale: Scaling, without the pods
  const phase = groupPhase(d({ readyReplicas: 2, availableReplicas: 2 }), 3);
  expect(phase).toBe("SCALING");
  expect(withPodTrouble(phase, trouble)).toBe("DEGRADED");
  expect(withPodTrouble("AVAILABLE", null)).toBe("AVAILABLE");
  expect(withPodTrouble("FAILED", trouble)).toBe("FAILED");
  expect(groupTrouble([], trouble)).toEqual({ reason: "CrashLoopBackOff", message: "pod web-2: back-off 20s restarting failed container=app" });
  const failedCreate = { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "exceeded quota" };
  expect(groupTrouble([failedCreate], trouble)?.reason).toBe("FailedCreate");
  expect(groupTrouble([{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "late" }], trouble)?.reason).toBe(
    "CrashLoopBackOff",
  );
});
