// The Chinese catalogue leaves no English behind (issue 14): a message without a Chinese character is only
// names that read the same in both languages (products, protocols, Kubernetes' own words, keys).
import { describe, expect, it } from "vitest";
import { zhCN } from "./zh-CN";
import { zhCNFieldReasons, zhCNInitCheckReasons, zhCNReasons } from "./reasons.zh-CN";

/** Messages that are names only, as they are written in Chinese text too. */
const NAMES = new Set([
  "Capstan",
  "English", // the language switch names the other language in its own words
  "CPU",
  "GPU",
  "NotReady",
  "Dockerfile",
  "X-Forwarded-For",
  "Kubeconfig",
  "Kubernetes",
  "Kubelet",
  "Pod",
  "HAProxy",
  "nginx",
  "Webhook",
  "PowerDNS（HTTP API）",
  "Slack（text）",
  "Ctrl K",
  "IP",
]);

const flat = (o: object, prefix = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));

describe("the zh-CN catalogue", () => {
  it("has Chinese in every message that is not a name", () => {
    const all = [...flat(zhCN), ...flat(zhCNReasons, "reasons."), ...flat(zhCNFieldReasons, "fieldReasons."), ...flat(zhCNInitCheckReasons, "initChecks.")];
    const english = all.filter(([, text]) => !/\p{Script=Han}/u.test(text) && /[A-Za-z]{2,}/.test(text.replace(/\{[^{}]*\}/g, "")) && !NAMES.has(text));
    expect(english).toEqual([]);
  });
});
