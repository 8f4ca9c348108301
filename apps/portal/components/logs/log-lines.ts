// The lines of GET …/groups/{group}/logs?timestamps=true (docs/logs.md): `[<pod> ]<timestamp> <text>`.

/** One line: its pod (merged logs only), the kubelet's RFC 3339 timestamp (if any) and its text. */
export interface LogLine {
  pod?: string;
  timestamp?: string;
  text: string;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Splits one line of a `timestamps=true` answer; `merged`: it starts with the pod's name. */
export function parseLogLine(raw: string, merged: boolean): LogLine {
  let rest = raw;
  let pod: string | undefined;
  if (merged) {
    const space = rest.indexOf(" ");
    pod = space > 0 ? rest.slice(0, space) : rest;
    rest = space > 0 ? rest.slice(space + 1) : "";
  }
  const space = rest.indexOf(" ");
  const first = space > 0 ? rest.slice(0, space) : rest;
  if (RFC3339.test(first)) return { pod, timestamp: first, text: space > 0 ? rest.slice(space + 1) : "" };
  return { pod, text: rest };
}
