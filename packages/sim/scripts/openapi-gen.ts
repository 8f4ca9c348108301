// Generates src/k8s/openapi-schemas.json.gz: the OpenAPI component schemas (descriptions, types,
// required fields, enums, references) of every kind the simulator serves and everything they
// reference. Source: the `kubernetes-models` package (and @kubernetes-models/apimachinery), which is
// generated from the official Kubernetes OpenAPI spec: its .d.ts files carry the definitions'
// names, descriptions, property types, enums and required fields; integer vs. number comes from its
// compiled JSON-schema validators. Run: npx tsx packages/sim/scripts/openapi-gen.ts
import ts from "typescript";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { groupVersions } from "../src/k8s/resources.js";

const require = createRequire(import.meta.url);
const modelsDir = path.dirname(require.resolve("kubernetes-models/package.json"));
const amDir = path.join(path.dirname(require.resolve("kubernetes-models/package.json")), "../@kubernetes-models/apimachinery");

/** IoK8sApiCoreV1Container -> io.k8s.api.core.v1.Container */
function defId(tsName: string): string {
  let m = tsName.match(/^IoK8sApi([A-Z][a-z]+)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/);
  if (m) return `io.k8s.api.${m[1].toLowerCase()}.${m[2].toLowerCase()}.${m[3]}`;
  m = tsName.match(/^IoK8sApimachineryPkg(.+?)([A-Z]\w*)$/);
  const known: Record<string, string> = {
    ApisMetaV1: "apis.meta.v1",
    ApiResource: "api.resource",
    UtilIntstr: "util.intstr",
    Runtime: "runtime",
    Version: "version",
  };
  for (const [k, v] of Object.entries(known))
    if (tsName.startsWith(`IoK8sApimachineryPkg${k}`)) return `io.k8s.apimachinery.pkg.${v}.${tsName.slice(`IoK8sApimachineryPkg${k}`.length)}`;
  throw new Error(`unknown definition name ${tsName}`);
}

/** An OpenAPI v3 schema object, as far as this generator writes one (plus x-kubernetes-* extensions). */
interface Schema {
  description?: string;
  type?: string;
  format?: string;
  enum?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  $ref?: string;
  allOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
  [extension: `x-${string}`]: unknown;
}

const schemas: Record<string, Schema> = {};
const done = new Set<string>();

function jsDoc(node: ts.Node): string | undefined {
  // the parser keeps a node's JSDoc comments in `jsDoc`, which the public ts.Node type leaves out
  const docs = (node as ts.Node & { jsDoc?: ts.JSDoc[] }).jsDoc;
  const c = docs?.[docs.length - 1]?.comment;
  return typeof c === "string" ? c.replace(/\n\nPossible enum values:[\s\S]*$/, "").trim() : undefined;
}

/** property name -> 'integer' | 'number' from the compiled ajv validator of a definition */
function numericKinds(tsName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of [path.join(modelsDir, "_schemas"), path.join(amDir, "_schemas")]) {
    const f = path.join(dir, `${tsName}.js`);
    if (!fs.existsSync(f)) continue;
    const src = fs.readFileSync(f, "utf8");
    const fnBody = (name: string) => {
      const i = src.indexOf(`function ${name}(`);
      if (i < 0) return "";
      const j = src.indexOf("function validate", i + 10);
      return src.slice(i, j < 0 ? undefined : j);
    };
    for (const m of src.matchAll(/(validate\d+)\(data(?:\.(\w+)|\["([^"]+)"\]),\{instancePath/g)) {
      const body = fnBody(m[1]);
      const prop = m[2] ?? m[3];
      if (body.includes('params:{type:"integer"}'))
        out.set(prop, body.includes('format:"int64"') ? "int64" : body.includes('format:"int32"') ? "int32" : "integer");
      else if (body.includes('params:{type:"number"}')) out.set(prop, "number");
    }
  }
  return out;
}

function load(file: string, exportName: string) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const imports = new Map<string, string>(); // local name -> file
  let localI: string | undefined;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (spec === "@kubernetes-models/base") continue;
      const target = spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : spec.startsWith("@kubernetes-models/apimachinery/")
          ? path.join(amDir, spec.slice("@kubernetes-models/apimachinery/".length))
          : path.join(modelsDir, spec.replace(/^kubernetes-models\//, ""));
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, `${target}.d.ts`);
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause))
      for (const el of st.exportClause.elements) if (el.name.text === `I${exportName}`) localI = el.propertyName?.text ?? el.name.text;
  }
  const id = defId(exportName);
  const nums = numericKinds(exportName);
  const typeOf = (t: ts.TypeNode, prop?: string): Schema => {
    if (t.kind === ts.SyntaxKind.StringKeyword) return { type: "string" };
    if (t.kind === ts.SyntaxKind.BooleanKeyword) return { type: "boolean" };
    if (t.kind === ts.SyntaxKind.NumberKeyword) {
      const k = prop ? nums.get(prop) : undefined;
      return k === "number" || !k ? { type: "number", ...(k ? {} : { format: "double" }) } : { type: "integer", ...(k === "integer" ? {} : { format: k }) };
    }
    if (t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.ObjectKeyword || t.kind === ts.SyntaxKind.UnknownKeyword) return { type: "object" };
    if (ts.isUnionTypeNode(t) && t.types.every((x) => ts.isLiteralTypeNode(x) && ts.isStringLiteral(x.literal)))
      return { type: "string", enum: t.types.map((x) => ((x as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { type: "string" };
    if (ts.isArrayTypeNode(t)) return { type: "array", items: typeOf(t.elementType) };
    if (ts.isTypeReferenceNode(t)) {
      const n = t.typeName.getText(sf);
      if (n === "Array") return { type: "array", items: typeOf(t.typeArguments![0]) };
      const f = imports.get(n);
      if (f) {
        const ref = n.replace(/^I/, "");
        load(f, ref);
        return { $ref: `#/components/schemas/${defId(ref)}` };
      }
    }
    if (ts.isTypeLiteralNode(t)) {
      const idx = t.members.find(ts.isIndexSignatureDeclaration);
      if (idx) return { type: "object", additionalProperties: typeOf(idx.type) };
      return { type: "object" };
    }
    if (ts.isUnionTypeNode(t)) return { type: "string" };
    throw new Error(`${file}: unsupported type ${t.getText(sf)}`);
  };
  if (done.has(id)) return;
  done.add(id);
  for (const st of sf.statements) {
    if (ts.isTypeAliasDeclaration(st) && st.name.text === localI) {
      const desc = jsDoc(st);
      const t = st.type.getText(sf);
      const base =
        t === "string"
          ? { type: "string", ...(id.endsWith(".Time") ? { format: "date-time" } : id.endsWith(".MicroTime") ? { format: "date-time" } : {}) }
          : /^(number \| string|string \| number)$/.test(t)
            ? id.endsWith("IntOrString")
              ? { type: "string", format: "int-or-string", "x-kubernetes-int-or-string": true }
              : { type: "string" }
            : typeOf(st.type);
      schemas[id] = { ...(desc ? { description: desc } : {}), ...base };
    }
    if (ts.isInterfaceDeclaration(st) && st.name.text === localI) {
      const props: Record<string, Schema> = {};
      const required: string[] = [];
      const typeMeta = st.heritageClauses?.some((h) => h.types.some((x) => x.expression.getText(sf) === "TypeMeta"));
      for (const m of st.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const name = (m.name as ts.StringLiteral).text ?? m.name.getText(sf);
        const desc = jsDoc(m);
        const s = typeOf(m.type, name);
        props[name] = s.$ref ? { ...(desc ? { description: desc } : {}), allOf: [s] } : { ...(desc ? { description: desc } : {}), ...s };
        if (!m.questionToken && !(typeMeta && (name === "apiVersion" || name === "kind"))) required.push(name);
      }
      if (typeMeta) {
        props.apiVersion = {
          description:
            "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
          type: "string",
        };
        props.kind = {
          description:
            "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
          type: "string",
        };
      }
      const desc = jsDoc(st);
      const sorted = Object.fromEntries(
        Object.keys(props)
          .sort()
          .map((k) => [k, props[k]]),
      );
      schemas[id] = { ...(desc ? { description: desc } : {}), type: "object", ...(required.length ? { required } : {}), properties: sorted };
    }
  }
  if (!schemas[id]) throw new Error(`${file}: I${exportName} not found`);
}

for (const gv of groupVersions())
  for (const d of gv.resources) {
    const dir = path.join(modelsDir, d.group ? `${d.group}/${d.version}` : d.version);
    const file = path.join(dir, `${d.kind}.d.ts`);
    const src = fs.readFileSync(file, "utf8");
    const tsName = src.match(new RegExp(`${d.kind} as (IoK8s\\w+) \\}`))![1];
    load(file, tsName);
    const s = schemas[defId(tsName)]!;
    s["x-kubernetes-group-version-kind"] = [{ group: d.group, kind: d.kind, version: d.version }];
  }
const out = path.join(path.dirname(new URL(import.meta.url).pathname), "../src/k8s/openapi-schemas.json.gz");
const json = JSON.stringify(
  Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  ),
);
fs.writeFileSync(out, zlib.gzipSync(json, { level: 9 }));
console.log(
  `${Object.keys(schemas).length} schemas, ${(json.length / 1024).toFixed(0)} KiB -> ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`,
);
