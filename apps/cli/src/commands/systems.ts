// systems ls and apps ls.
import { ApplicationSchema, pageOf, SystemSchema, type ApplicationDto, type SystemDto } from "@capstan/domain";
import type { Command } from "../command";
import { age } from "../output";
import { flagTrue, LIST_FLAGS, limitOf, printList, seg, text, type Column } from "./common";

const SYSTEM_COLUMNS: Column<SystemDto>[] = [
  { header: "NAME", cell: (s) => s.name },
  { header: "DISPLAY NAME", cell: (s) => s.displayName },
  { header: "DEPARTMENT", cell: (s) => s.department },
  { header: "ISOLATION", cell: (s) => s.isolation },
  { header: "APPS", cell: (s) => s.applicationCount },
  { header: "MEMBERS", cell: (s) => s.memberCount },
  { header: "AGE", cell: (s) => age(s.createdAt) },
];

export const systemsLs: Command = {
  path: ["systems", "ls"],
  summary: "List the systems you can see.",
  usage: "[--department DEPT] [--mine] [--writable] [-q TEXT] [-o FORMAT]",
  read: true,
  flags: {
    department: { type: "string", short: "d", value: "DEPT", help: "Only the systems of this department" },
    mine: { type: "boolean", help: "Only systems you are a member of" },
    writable: { type: "boolean", help: "Only systems you may create applications and groups in" },
    sort: { type: "string", value: "FIELD", help: "The API's sort, e.g. name or -createdAt" },
    ...LIST_FLAGS,
  },
  examples: ["capstan systems ls", "capstan systems ls --department retail -o yaml"],
  async run(r) {
    const api = await r.api();
    const query = {
      department: text(r, "department"),
      mine: flagTrue(r, "mine"),
      writable: flagTrue(r, "writable"),
      q: text(r, "search"),
      sort: text(r, "sort"),
    };
    printList(r, await api.list("/systems", pageOf(SystemSchema), query, limitOf(r)), SYSTEM_COLUMNS, "systems");
  },
};

const APP_COLUMNS: Column<ApplicationDto>[] = [
  { header: "NAME", cell: (a) => a.name },
  { header: "SYSTEM", cell: (a) => a.system },
  { header: "RUNTIME", cell: (a) => a.runtime },
  { header: "PORT", cell: (a) => `${a.port}/${a.protocol}` },
  { header: "GROUPS", cell: (a) => a.groupCount },
  { header: "REPOSITORY", cell: (a) => a.gitRepository && `${a.gitRepository}#${a.gitBranch}` },
  { header: "AGE", cell: (a) => age(a.createdAt) },
];

export const appsLs: Command = {
  path: ["apps", "ls"],
  summary: "List applications: of one system (--system), or of every system you can see.",
  usage: "[--system SYSTEM] [--writable] [-q TEXT] [-o FORMAT]",
  read: true,
  flags: {
    system: { type: "string", short: "s", value: "SYSTEM", help: "Only this system's applications" },
    writable: { type: "boolean", help: "Only applications you may create groups for" },
    sort: { type: "string", value: "FIELD", help: "The API's sort, e.g. name or -createdAt" },
    ...LIST_FLAGS,
  },
  examples: ["capstan apps ls --system shop", "capstan apps ls -q cart -o json"],
  async run(r) {
    const api = await r.api();
    const system = text(r, "system");
    const query = { writable: flagTrue(r, "writable"), q: text(r, "search"), sort: text(r, "sort") };
    const path = system ? `/systems/${seg(system)}/applications` : "/applications";
    printList(r, await api.list(path, pageOf(ApplicationSchema), query, limitOf(r)), APP_COLUMNS, "applications");
  },
};
