// Logs: a group's pods' logs, one pod or all merged in time order (docs/logs.md).
import { GroupLogQuery } from "@capstan/domain";
import { route } from "./route";

export const groupLogs = route({
  method: "GET",
  path: "/systems/{system}/applications/{app}/groups/{group}/logs",
  tag: "groups",
  summary: "A group's logs (text/plain, streamed)",
  description:
    "Kubernetes' PodLogOptions for one pod of the group (`pod`) or every pod merged in time order, each line then prefixed with its pod's name and a space. " +
    "`timestamps=true` puts the kubelet's RFC 3339 time (nine fraction digits) and a space before each line's text. " +
    "`follow=true` streams lines as they are printed until the containers end or the client goes. `tailLines` and `sinceSeconds` apply per pod, `limitBytes` to the whole answer. " +
    "Each open stream counts against the caller's limit of concurrent log streams (429).",
  query: GroupLogQuery,
  response: { status: 200, text: true, description: "The lines, as text/plain; one per line" },
  errors: [400, 401, 404, 422, 429, 502],
});
