// Server errors in the reader's language. The API sends each refusal's English `message` with a stable
// `reason` and its `params`, and per refused field the English in `fields` with its reason and params in
// `fieldReasons` (packages/domain/src/error-reasons.ts, docs/errors.md). English readers get the server's
// own text; other locales get the template from their catalogue (reasons.<locale>.ts), filled with the
// params. A reason the portal does not know (a newer server) or a template whose params are missing falls
// back to the English message, so nothing is ever shown half-filled.
import { type AmountUnit, type ErrorParams, isAmountUnit, readableMemory } from "@capstan/domain";
import { fieldLabel } from "./field-labels";
import { type Locale, translator } from "./index";
import { zhCNFieldReasons, zhCNInitCheckReasons, zhCNReasons } from "./reasons.zh-CN";

/** What the API says about one field: its reason from FIELD_REASONS and the template's values. */
export interface FieldReasonBody {
  reason: string;
  params?: ErrorParams;
}

/** The API's `error` object, as much of it as rendering needs. */
export interface ServerErrorBody {
  message: string;
  reason?: string;
  params?: ErrorParams;
  fields?: Record<string, string>;
  fieldReasons?: Record<string, FieldReasonBody>;
}

const catalogues: Record<Exclude<Locale, "en">, { reasons: Record<string, string>; fields: Record<string, string>; initChecks: Record<string, string> }> = {
  "zh-CN": { reasons: zhCNReasons, fields: zhCNFieldReasons, initChecks: zhCNInitCheckReasons },
};

/**
 * English words the server puts into params (object kinds from notFound/staleVersion, resource names from
 * quota.ts, a quota request's status), per locale. Anything else (names, numbers other than amounts, a
 * problem worded by another module) is shown as sent.
 */
const WORDS: Record<Exclude<Locale, "en">, Record<string, string>> = {
  "zh-CN": {
    Application: "应用",
    "Bulk transition": "批量状态变更",
    Cluster: "集群",
    "Data centre": "数据中心",
    Department: "部门",
    Group: "分组",
    Member: "成员",
    Node: "节点",
    "Quota request": "配额申请",
    System: "系统",
    Token: "令牌",
    User: "用户",
    CPU: "CPU",
    Memory: "内存",
    GPU: "GPU",
    Instances: "实例",
    approved: "批准",
    rejected: "拒绝",
    cancelled: "取消",
    name: "名称",
    email: "邮箱",
  },
};

/**
 * Amounts, which travel as numbers in the unit the param `unit` names (ErrorParams in error-reasons.ts),
 * in each locale's words, as units.ts readableAmount words them in English: CPU in cores (毫核 below one),
 * memory in binary units with two decimals, counts as numbers.
 */
const AMOUNTS: Record<Exclude<Locale, "en">, (unit: AmountUnit, n: number) => string> = {
  "zh-CN": (unit, n) => {
    if (unit === "MiB") return readableMemory(n, 2);
    if (unit === "count") return String(n);
    return n !== 0 && Math.abs(n) < 1000 ? `${n} 毫核` : `${n / 1000} 核`;
  },
};

/** The refusal parts that name their resource themselves (quota.ts); other parts are named by their field. */
const SELF_NAMED = new Set(["quota_short", "quota_short_more", "quota_overcommitted", "quota_below_use"]);

/**
 * Params whose English value lists the parts of a refusal, each part also sent in `fieldReasons`
 * (error-reasons.ts: "Refusals listing their parts"; validation.ts's `summary` of the refused fields);
 * other locales list the parts from there.
 */
const LIST_PARAMS = ["shortfalls", "overcommits", "violations", "uses", "inUse", "summary"];

/** The catalogue's entry for `key`, never an inherited property such as "constructor". */
const own = (catalogue: Record<string, string>, key: string) => (Object.hasOwn(catalogue, key) ? catalogue[key] : undefined);

const fill = (template: string, params: ErrorParams): string | undefined => {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) missing = true;
    return String(params[name]);
  });
  return missing ? undefined : text;
};

function localParams(locale: Exclude<Locale, "en">, params: ErrorParams = {}): ErrorParams {
  const unit = params.unit;
  const word = (v: string | number) => {
    if (typeof v === "number") return isAmountUnit(unit) ? AMOUNTS[locale](unit, v) : v;
    return own(WORDS[locale], v) ?? v;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, word(v)]));
}

function fieldText(locale: Exclude<Locale, "en">, f: FieldReasonBody): string | undefined {
  const template = own(catalogues[locale].fields, f.reason);
  return template === undefined ? undefined : fill(template, localParams(locale, f.params));
}

/**
 * The text of one refused field in `locale`: from the catalogue for a known reason, else `english` (the
 * API's `fields` entry, which for zod's issues is the schema's own wording).
 */
export function renderFieldError(locale: Locale, english: string, f?: FieldReasonBody): string {
  if (locale === "en" || !f) return english;
  return fieldText(locale, f) ?? english;
}

/** Every refused field's text in `locale`, keyed like the API's `fields`. */
export function renderFieldErrors(locale: Locale, e: Pick<ServerErrorBody, "fields" | "fieldReasons">): Record<string, string> {
  return Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, english]) => [k, renderFieldError(locale, english, e.fieldReasons?.[k])]));
}

/**
 * A refusal's text in `locale`: the catalogue's template for its reason, its params put into the locale's
 * words and its listed parts rendered from `fieldReasons`, each named by its label (field-labels.ts); the English `message` for English readers and
 * for a reason the catalogue lacks.
 */
export function renderServerError(locale: Locale, e: ServerErrorBody): string {
  if (locale === "en" || !e.reason) return e.message;
  const template = own(catalogues[locale].reasons, e.reason);
  if (template === undefined) return e.message;
  const params = localParams(locale, e.params);
  const parts = Object.entries(e.fieldReasons ?? {});
  const t = translator(locale);
  for (const name of LIST_PARAMS) {
    if (!(name in params) || parts.length === 0) continue;
    const texts = parts.map(([field, f]) => {
      const text = fieldText(locale, f) ?? e.fields?.[field] ?? "";
      return SELF_NAMED.has(f.reason) ? text : `${fieldLabel(t, field)} ${text}`;
    });
    params[name] = texts.join("；");
  }
  return fill(template, params) ?? e.message;
}

/**
 * The outcome of a node's init check (NodeDetail.checkResults[]) in `locale`: from INIT_CHECK_REASONS'
 * translation by its reason and params, else the English `message` the worker recorded.
 */
export function renderInitCheck(locale: Locale, c: { reason?: string; params?: ErrorParams; message: string }): string {
  if (locale === "en" || !c.reason) return c.message;
  const template = own(catalogues[locale].initChecks, c.reason);
  return (template === undefined ? undefined : fill(template, c.params ?? {})) ?? c.message;
}
