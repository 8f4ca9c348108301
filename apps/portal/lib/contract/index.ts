// Every /api/v1 operation, declared once (route.ts); grouped by resource area, one file each.
import * as applications from "./applications";
import * as builds from "./builds";
import * as departments from "./departments";
import * as events from "./events";
import * as fleet from "./fleet";
import * as groups from "./groups";
import * as images from "./images";
import * as loadBalancers from "./load-balancers";
import * as logs from "./logs";
import * as manifests from "./manifests";
import * as meta from "./meta";
import * as metrics from "./metrics";
import * as nodes from "./nodes";
import * as notifications from "./notifications";
import * as quotas from "./quotas";
import type { Route } from "./route";
import * as search from "./search";
import * as systems from "./systems";
import * as terminal from "./terminal";
import * as users from "./users";

export {
  applications,
  builds,
  departments,
  events,
  fleet,
  groups,
  images,
  loadBalancers,
  logs,
  manifests,
  meta,
  metrics,
  nodes,
  notifications,
  quotas,
  search,
  systems,
  terminal,
  users,
};
export type { Route } from "./route";

/** Every declared operation, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  meta,
  search,
  departments,
  systems,
  applications,
  images,
  builds,
  groups,
  terminal,
  loadBalancers,
  logs,
  quotas,
  fleet,
  nodes,
  metrics,
  users,
  notifications,
  manifests,
  events,
].flatMap((area) => Object.values(area) as Route[]);
