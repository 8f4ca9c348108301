// What every page and component must use, checked over the portal's source (issue 14): text from the
// catalogues (no English written into the markup, so a zh-CN reader never meets it), the one data table
// (components/ui/data-table.tsx) instead of hand-written <table>s, and instants and numbers printed the one
// way (<Time>/useFormatTime over lib/time.ts, docs/time.md; numbers in the chosen language), never by the
// browser's or the server's own locale. Pages added later are held to the same rules by this test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const PORTAL = path.resolve(import.meta.dirname, "..");

/** The portal's TypeScript sources that render or format: components, pages and client/server helpers, not tests. */
function sources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
  return ["components", "app", "lib"].flatMap((d) => walk(path.join(PORTAL, d)));
}

/** Words that read the same in every language: names of protocols and formats. */
const NAMES = new Set(["JSON", "HTTP", "TCP"]);
/** Attributes people read (or hear, from a screen reader); `placeholder`s show example values (URLs, "4Gi"), not text. */
const READ_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-placeholder", "aria-roledescription", "title", "alt", "label"]);
/** Calls that print in the runtime's own locale or zone, so that the server and the browser disagree. */
const LOCALE_CALLS = new Set(["toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toDateString", "toTimeString", "toUTCString", "toGMTString"]);
/** The one module of each kind allowed to hold what the rules forbid elsewhere. */
const TABLE_HOME = "components/ui/data-table.tsx";
const TIME_HOMES = new Set(["lib/time.ts", "components/ui/time.tsx"]);

/** Whether a text shows words to translate: Latin words beyond the names above (entities and `{placeholders}` aside). */
const isEnglish = (text: string) =>
  text
    .replace(/&\w+;/g, "")
    .match(/[A-Za-z]{2,}/g)
    ?.some((w) => !NAMES.has(w)) ?? false;

/** Every breach of the rules in one file, as "file:line what". */
export function breaches(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) => found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1} ${what}`);
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n) && isEnglish(n.text)) at(n, `text not from the catalogues: ${JSON.stringify(n.text.trim())}`);
    else if (
      ts.isJsxAttribute(n) &&
      READ_ATTRIBUTES.has(n.name.getText(sf)) &&
      n.initializer &&
      ts.isStringLiteral(n.initializer) &&
      isEnglish(n.initializer.text)
    )
      at(n, `${n.name.getText(sf)} not from the catalogues: ${n.initializer.getText(sf)}`);
    else if (
      ts.isJsxExpression(n) &&
      !ts.isJsxAttribute(n.parent) &&
      n.expression &&
      (ts.isStringLiteral(n.expression) || ts.isNoSubstitutionTemplateLiteral(n.expression)) &&
      isEnglish(n.expression.text)
    )
      at(n, `text not from the catalogues: ${n.expression.getText(sf)}`);
    else if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && n.tagName.getText(sf) === "table" && file !== TABLE_HOME)
      at(n, "a hand-written <table>: use Table (components/ui/data-table.tsx)");
    else if (ts.isPropertyAccessExpression(n) && LOCALE_CALLS.has(n.name.text))
      at(n, `${n.name.text}: prints in the runtime's locale; use <Time>, useFormatTime or Intl with the chosen locale`);
    else if (
      ts.isPropertyAccessExpression(n) &&
      n.expression.getText(sf) === "Intl" &&
      /^(DateTimeFormat|RelativeTimeFormat)$/.test(n.name.text) &&
      !TIME_HOMES.has(file)
    )
      at(n, `Intl.${n.name.text} outside lib/time.ts: use <Time> or useFormatTime`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe("the portal's pages and components", () => {
  it("write no English into the markup, draw tables with Table and print times and numbers the one way", () => {
    const all = sources().flatMap((f) => breaches(path.relative(PORTAL, f).split(path.sep).join("/"), readFileSync(f, "utf8")));
    expect(all).toEqual([]);
  });

  it("catch each kind of breach", () => {
    const file = "components/x/y.tsx";
    const found = (code: string) => breaches(file, code).map((b) => b.replace(/^\S+ /, ""));
    expect(found(`const A = () => <p>Loading…</p>;`)).toEqual([`text not from the catalogues: "Loading…"`]);
    expect(found(`const A = () => <p>{"No data"}</p>;`)).toEqual([`text not from the catalogues: "No data"`]);
    expect(found(`const A = () => <button aria-label="Close">x</button>;`)).toEqual([`aria-label not from the catalogues: "Close"`]);
    expect(found(`const A = () => <table><tbody /></table>;`)).toEqual(["a hand-written <table>: use Table (components/ui/data-table.tsx)"]);
    expect(found(`const s = (n: number) => n.toLocaleString();`)[0]).toMatch(/^toLocaleString/);
    expect(found(`const s = new Date().toUTCString();`)[0]).toMatch(/^toUTCString/);
    expect(found(`const f = new Intl.DateTimeFormat("en");`)[0]).toMatch(/^Intl.DateTimeFormat/);
    expect(found(`const f = new Intl.RelativeTimeFormat("en");`)[0]).toMatch(/^Intl.RelativeTimeFormat/);
    // Names of formats and protocols, entities, placeholders showing examples and catalogue text pass.
    expect(found(`const A = ({ t }: any) => <p title={t("x")} placeholder="https://">JSON &lt;{t("y")}&gt; HTTP</p>;`)).toEqual([]);
    expect(breaches("lib/time.ts", `const f = new Intl.DateTimeFormat("en");`)).toEqual([]);
  });
});
