import { describe, expect, it } from "vitest";
import { type Resources, ZERO } from "./quota";
import { type DeploymentStrategy, largerPod, rolloutShortfall, rolloutStrategy, type RolloutRoom, surgeRoom } from "./rollout-strategy";

const pod = (cpuMillis: number, memoryMiB = 256, gpu = 0): Resources => ({ cpuMillis, memoryMiB, gpu, instances: 1 });
const quota = (cpuMillis: number, instances = 100): Resources => ({ cpuMillis, memoryMiB: 1 << 20, gpu: 0, instances });
const room = (over: Partial<RolloutRoom>): RolloutRoom => ({ quota: quota(4000), others: ZERO, replicas: 1, perPod: pod(1000), ...over });

// Replays the deployment controller's arithmetic for a rolling update (maxSurge pods above the desired
// count, maxUnavailable below it) or Recreate, pod by pod, and returns the most the namespace holds at
// once, or "stuck" when the next pod it needs does not fit under the quota and nothing else can move.
function simulateRollout(r: RolloutRoom, s: DeploymentStrategy = rolloutStrategy(r)): "stuck" | Resources {
  const surge = s.type === "Recreate" ? 0 : typeof s.rollingUpdate.maxSurge === "number" ? s.rollingUpdate.maxSurge : Math.ceil(r.replicas / 4);
  const unavailable = s.type === "Recreate" ? r.replicas : s.rollingUpdate.maxUnavailable;
  let old = r.replicas;
  let fresh = 0;
  let peak = { ...r.others };
  const holds = (n: number) => ({
    cpuMillis: r.others.cpuMillis + n * r.perPod.cpuMillis,
    memoryMiB: r.others.memoryMiB + n * r.perPod.memoryMiB,
    gpu: r.others.gpu + n * r.perPod.gpu,
    instances: r.others.instances + n,
  });
  const within = (x: Resources) => !r.quota || (Object.keys(x) as (keyof Resources)[]).every((k) => x[k] <= r.quota![k]);
  while (fresh < r.replicas) {
    // scale the old ones down as far as maxUnavailable allows, then create new ones up to maxSurge
    const down = Math.min(old, Math.max(0, old + fresh - (r.replicas - unavailable)));
    old -= down;
    const up = Math.min(r.replicas - fresh, r.replicas + surge - old - fresh);
    if (up <= 0) return "stuck";
    for (let i = 0; i < up; i++) {
      if (!within(holds(old + fresh + 1))) return "stuck";
      fresh++;
    }
    const now = holds(old + fresh);
    peak = {
      cpuMillis: Math.max(peak.cpuMillis, now.cpuMillis),
      memoryMiB: Math.max(peak.memoryMiB, now.memoryMiB),
      gpu: Math.max(peak.gpu, now.gpu),
      instances: Math.max(peak.instances, now.instances),
    };
  }
  return peak;
}

describe("rollout strategy", () => {
  it("surges by 25 % with no capacity lost when the quota has room, as every Deployment did before", () => {
    expect(rolloutStrategy(room({ replicas: 4, perPod: pod(500) }))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
    expect(rolloutStrategy(room({ quota: null, replicas: 40 }))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
  });

  it("surges by fewer pods when fewer fit", () => {
    // 8 × 400m of 4 cores: 800m free, the two surge pods 25 % asks for fit; 9 × 400m: one of three fits
    expect(rolloutStrategy(room({ replicas: 8, perPod: pod(400) }))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
    expect(rolloutStrategy(room({ replicas: 9, perPod: pod(400) }))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    // the pod count can be what is short
    expect(rolloutStrategy(room({ quota: quota(64_000, 9), replicas: 8, perPod: pod(100) }))).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it("at exact quota replaces one pod at a time, or stops then starts a single replica", () => {
    expect(rolloutStrategy(room({ replicas: 4, perPod: pod(1000) }))).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(rolloutStrategy(room({ replicas: 1, perPod: pod(4000) }))).toEqual({ type: "Recreate" });
    // what the other groups hold counts too
    expect(rolloutStrategy(room({ replicas: 1, perPod: pod(1000), others: pod(3000) }))).toEqual({ type: "Recreate" });
    expect(surgeRoom(room({ replicas: 1, perPod: pod(1000), others: pod(2000) }))).toBe(1);
  });

  it("every rollout the quota allows completes within the quota (sizes, replicas, neighbours, GPUs)", () => {
    for (const replicas of [1, 2, 3, 4, 5, 8, 13])
      for (const cpu of [250, 500, 1000, 1500])
        for (const othersCpu of [0, 500, 2000])
          for (const gpu of [0, 1]) {
            const r = room({
              quota: { cpuMillis: 16_000, memoryMiB: 64 * 1024, gpu: 4, instances: 20 },
              replicas,
              perPod: pod(cpu, 512, gpu),
              others: pod(othersCpu),
            });
            const outcome = simulateRollout(r);
            if (rolloutShortfall(r).length === 0) expect(outcome, JSON.stringify(r)).not.toBe("stuck");
            else expect(outcome, JSON.stringify(r)).toBe("stuck");
          }
  });

  it("is what keeps the old rule from completing: maxSurge 25 % and maxUnavailable 0 at exact quota", () => {
    const old: DeploymentStrategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } };
    for (const r of [
      room({ replicas: 1, perPod: pod(4000) }),
      room({ replicas: 4, perPod: pod(1000) }),
      room({ replicas: 2, perPod: pod(1000), others: pod(2000) }),
    ]) {
      expect(rolloutShortfall(r)).toEqual([]); // an exact fit can roll
      expect(simulateRollout(r, old)).toBe("stuck");
      // … and the new rule completes it without ever holding more than the quota's 4 cores
      const pods = r.replicas + r.others.instances;
      expect(simulateRollout(r)).toEqual({ cpuMillis: 4000, memoryMiB: 256 * pods, gpu: 0, instances: pods });
    }
  });

  it("names the shortfall when even one at a time cannot fit: a quota lowered below what is in use", () => {
    const short = rolloutShortfall(room({ quota: quota(1000), replicas: 2, perPod: pod(1000) }));
    expect(short.map((s) => s.message)).toEqual(["CPU: asked 2 cores, 1 core free"]);
    expect(rolloutShortfall(room({ quota: quota(3000), replicas: 2, perPod: pod(1000), others: pod(1500) })).map((s) => s.message)).toEqual([
      "CPU: asked 2 cores, 1.5 cores free",
    ]);
    expect(rolloutShortfall(room({ quota: null, replicas: 2 }))).toEqual([]);
  });

  it("prices each pod at the larger of the old and the new spec", () => {
    expect(largerPod(pod(500, 1024), pod(1000, 512, 1))).toEqual(pod(1000, 1024, 1));
    // shrinking 2 × 2 cores to 2 × 1 core at a 4-core quota: the old pods still hold it all
    expect(rolloutStrategy(room({ replicas: 2, perPod: largerPod(pod(2000), pod(1000)) }))).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
    });
  });
});
