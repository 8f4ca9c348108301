// Reading Prometheus' text exposition format in tests (https://prometheus.io/docs/instrumenting/exposition_formats/):
// the value of one sample, found by its name and its exact label set.

/** Parses `a="x",b="y"` (values with \\, \" and \n escapes) into a map. */
function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
  return labels;
}

/** Every sample of `name` in `text`, with its labels. */
export function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (m && m[1] === name) out.push({ labels: labelsOf(m[2] ?? ""), value: Number(m[3]) });
  }
  return out;
}

/** The value of the sample of `name` whose labels are exactly `labels`; undefined when there is none. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  return samples(text, name).find((s) => JSON.stringify(Object.entries(s.labels).sort()) === want)?.value;
}
