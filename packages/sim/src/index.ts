export { startSim } from "./sim.js";
export type { Sim, SimOptions, DataCentre } from "./sim.js";
export { Cluster, DEFAULT_TIMINGS } from "./cluster.js";
export type { Timings } from "./cluster.js";
export { Registry } from "./harbor/registry.js";
