// Demo data for the embedded default: two departments, one user per role, systems and applications.
// Seeded once, into an empty database; the passwords are also in the README.
import type { Db } from "@capstan/db";
import { hashPassword } from "@capstan/usecases/internal";

export const DEMO_USERS = [
  { email: "admin@capstan.local", name: "Ada Admin", password: "admin-demo-pass", platformRole: "PLATFORM_ADMIN" },
  { email: "ops@capstan.local", name: "Otto Ops", password: "ops-demo-pass", platformRole: "OPS" },
  { email: "lead@capstan.local", name: "Li Lead", password: "lead-demo-pass", department: ["retail", "DEPARTMENT_ADMIN"] },
  { email: "dev@capstan.local", name: "Dana Dev", password: "dev-demo-pass", department: ["retail", "DEVELOPER"], systems: ["shop"] },
  { email: "viewer@capstan.local", name: "Vic Viewer", password: "viewer-demo-pass", department: ["retail", "VIEWER"] },
  { email: "finance-lead@capstan.local", name: "Fang Finance", password: "finance-demo-pass", department: ["finance", "DEPARTMENT_ADMIN"] },
] as const;

const DEPARTMENTS = [
  { name: "retail", displayName: "Retail 零售", description: "Storefront, cart and search." },
  { name: "finance", displayName: "Finance 金融", description: "Payments and ledgers." },
];

const SYSTEMS = [
  {
    name: "shop",
    displayName: "Online shop",
    department: "retail",
    isolation: "ISOLATED",
    apps: [
      ["storefront", "JAVA", 8080],
      ["cart", "GO", 9000],
    ],
  },
  { name: "search", displayName: "Product search", department: "retail", isolation: "OPEN", apps: [["indexer", "JAVA", 8080]] },
  { name: "ledger", displayName: "General ledger", department: "finance", isolation: "ISOLATED", apps: [["billing", "JAVA", 8080]] },
] as const;

/** Seeds when the database has no users; returns whether it did. */
export async function seedDemoData(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  await db.$transaction(async (tx) => {
    const dept = new Map<string, string>();
    for (const d of DEPARTMENTS) dept.set(d.name, (await tx.department.create({ data: d })).id);
    const systems = new Map<string, string>();
    for (const s of SYSTEMS) {
      const created = await tx.system.create({
        data: { name: s.name, displayName: s.displayName, isolation: s.isolation, departmentId: dept.get(s.department)! },
      });
      systems.set(s.name, created.id);
      for (const [name, runtime, port] of s.apps) await tx.application.create({ data: { systemId: created.id, name, displayName: name, runtime, port } });
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      const user = await tx.user.create({
        data: { email: u.email, name: u.name, passwordHash: hashes[i], platformRole: "platformRole" in u ? u.platformRole : null },
      });
      if ("department" in u) await tx.departmentMember.create({ data: { userId: user.id, departmentId: dept.get(u.department[0])!, role: u.department[1] } });
      if ("systems" in u) for (const s of u.systems) await tx.systemMember.create({ data: { userId: user.id, systemId: systems.get(s)! } });
    }
    // The label policy matching the simulated fleet (docs/simulator.md), so node label edits are checked.
    await tx.labelDefinition.create({
      data: { key: "zone", kind: "ZONE", values: ["default", "cicd"], dedicated: ["cicd"], description: "Where a node serves" },
    });
    await tx.labelDefinition.createMany({ data: ["res.normal", "res.ssd", "res.gpu"].map((key) => ({ key, kind: "RESOURCE" as const })) });
    await tx.labelExclusiveSet.create({ data: { name: "normal-or-gpu", labels: ["res.normal", "res.gpu"] } });
    await tx.auditEvent.create({
      data: {
        actorEmail: "capstan",
        action: "seed.demo",
        targetType: "database",
        targetId: "demo",
        targetName: "demo data",
        after: { departments: DEPARTMENTS.length, systems: SYSTEMS.length, users: DEMO_USERS.length },
      },
    });
  });
  return true;
}

export const DEMO_IMAGE_TAGS = ["1.0.0", "1.1.0", "2.0.0"];

/** Quotas per data centre: departments get theirs from the platform, systems a share of their department's.
 * Shop in dc1 is kept tight (4 cores, 10 instances) so the demo shows a quota request being needed. */
const Q = (cpu: string, memory: string, gpu: number, instances: number) => ({ cpu, memory, gpu, instances });
export const DEMO_QUOTAS = {
  departments: [
    { department: "retail", dataCentre: "dc1", quota: Q("32", "64Gi", 2, 100) },
    { department: "retail", dataCentre: "dc2", quota: Q("32", "64Gi", 2, 100) },
    { department: "finance", dataCentre: "dc1", quota: Q("16", "32Gi", 0, 50) },
    { department: "finance", dataCentre: "dc2", quota: Q("16", "32Gi", 0, 50) },
  ],
  systems: [
    { system: "shop", dataCentre: "dc1", quota: Q("4", "8Gi", 0, 10) },
    { system: "shop", dataCentre: "dc2", quota: Q("8", "16Gi", 0, 20) },
    { system: "search", dataCentre: "dc2", quota: Q("4", "8Gi", 0, 10) },
    { system: "ledger", dataCentre: "dc1", quota: Q("8", "16Gi", 0, 20) },
  ],
};

/** Groups in both simulated data centres, so a developer sees something running on first sign-in. */
export const DEMO_GROUPS = [
  { system: "shop", application: "storefront", spec: { name: "web-dc1", dataCentre: "dc1", imageTag: "1.1.0", replicas: 3, cpu: "500m", memory: "1Gi" } },
  { system: "shop", application: "storefront", spec: { name: "web-dc2", dataCentre: "dc2", imageTag: "1.1.0", replicas: 2, cpu: "500m", memory: "1Gi" } },
  // A second storefront group in dc2's cluster, so a load balancer can weigh two groups (e2e/load-balancers.spec.ts).
  { system: "shop", application: "storefront", spec: { name: "canary", dataCentre: "dc2", imageTag: "1.1.0", replicas: 1, cpu: "250m", memory: "256Mi" } },
  { system: "shop", application: "cart", spec: { name: "api", dataCentre: "dc1", imageTag: "2.0.0", replicas: 2, cpu: "250m", memory: "256Mi" } },
  {
    system: "search",
    application: "indexer",
    spec: { name: "batch", dataCentre: "dc2", imageTag: "1.0.0", replicas: 1, cpu: "1", memory: "2Gi", resourceLabels: ["res.ssd"] },
  },
  {
    system: "ledger",
    application: "billing",
    spec: { name: "main", dataCentre: "dc1", imageTag: "1.0.0", replicas: 2, cpu: "1", memory: "1Gi", cpuMode: "EXCLUSIVE" },
  },
];
