// Read-only YAML and unified diffs, coloured line by line: mapping keys apart from their values, comments
// muted; in a diff, added and removed lines. Rendered as React text (never HTML), so nothing in a manifest
// can become markup.

/** One YAML line with its key (up to the first ": " or a trailing ":") set apart from the value. */
function YamlLine({ line }: { line: string }) {
  const m = /^(\s*(?:- )?)([^\s#:][^:]*?:)(\s.*|$)/.exec(line);
  if (line.trimStart().startsWith("#")) return <span className="text-slate-500">{line}</span>;
  if (!m) return <span className="text-emerald-800 dark:text-emerald-300">{line}</span>;
  return (
    <>
      {m[1]}
      <span className="text-sky-800 dark:text-sky-300">{m[2]}</span>
      <span className="text-emerald-800 dark:text-emerald-300">{m[3]}</span>
    </>
  );
}

/** A YAML document, read-only, with line colours. */
export function YamlView({ text, label }: { text: string; label: string }) {
  return (
    <pre aria-label={label} className="max-h-[32rem] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs leading-5 dark:bg-slate-900">
      {text.split("\n").map((line, i) => (
        <div key={i}>
          <YamlLine line={line} />
          {"\n"}
        </div>
      ))}
    </pre>
  );
}

/** A unified diff: removed lines red, added green, hunk headers muted. */
export function DiffView({ text, label }: { text: string; label: string }) {
  const colour = (line: string) =>
    line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@") || line.startsWith("===")
      ? "text-slate-500"
      : line.startsWith("+")
        ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        : line.startsWith("-")
          ? "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200"
          : "";
  return (
    <pre aria-label={label} className="max-h-[32rem] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs leading-5 dark:bg-slate-900">
      {text.split("\n").map((line, i) => (
        <div key={i} className={colour(line)}>
          {line}
          {"\n"}
        </div>
      ))}
    </pre>
  );
}
