export { loadKubeconfig, probeCluster, type Probe } from "./kube";
