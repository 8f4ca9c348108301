// Key rotation reseals every secret Capstan keeps sealed (packages/db/src/reseal.ts): after it, the previous
// key can go and nothing sealed is lost. Before this test, `npm run cli -- secrets rotate` resealed four of the
// six sealed columns; an application's push-webhook secret and an IM bot's URL became unreadable once
// CAPSTAN_SECRET_KEY_PREVIOUS was removed.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@capstan/db";
import { resealStale, SEALED_COLUMNS } from "@capstan/db/reseal";
import { createSealer, parseKey, secrets, type Sealer } from "@capstan/db/secrets";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { registerCluster, registerDataCentre, rotateWebhookSecret, setNotificationTarget } from "./index";
import { buildWorld, kubeconfigFor, type World } from "./testing/fixtures";

let db: Db;
let world: World;
beforeAll(async () => {
  ({ db } = await testDatabase());
  world = await buildWorld(db);
  const admin = world.as.platformAdmin;
  await registerDataCentre(admin, {
    name: "dc1",
    displayName: "DC 1",
    region: "r",
    harborUrl: "http://harbor.dc1.test",
    harborUsername: "admin",
    harborPassword: "harbor-password",
    dnsProvider: "POWERDNS",
    powerdnsUrl: "http://127.0.0.1:9",
    powerdnsApiKey: "powerdns-key",
  });
  await registerCluster(admin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await rotateWebhookSecret(world.as.developer, "shop", "storefront");
  await setNotificationTarget(
    world.as.departmentAdmin,
    {},
    { email: null, webhookUrl: "http://127.0.0.1:9/hook?key=bot-key", webhookFormat: "msgtype", version: 0 },
  );
  const shop = await db.system.findUniqueOrThrow({ where: { name: "shop" } });
  const dc = await db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  await db.systemPullRobot.create({
    data: { systemId: shop.id, dataCentreId: dc.id, robotId: 1, robotName: "robot$shop-pull", secretEnc: secrets().seal("robot-secret") },
  });
});

/** Every sealed value stored, opened with `sealer` (throws when it cannot be opened). */
async function openAll(sealer: Sealer): Promise<string[]> {
  const out: string[] = [];
  for (const { table, column, encoding } of SEALED_COLUMNS) {
    const rows = await db.$queryRawUnsafe<{ v: Uint8Array | string }[]>(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
    for (const { v } of rows) out.push(`${table}.${column}=${sealer.open(encoding === "base64" ? Buffer.from(v as string, "base64") : (v as Uint8Array))}`);
  }
  return out.sort();
}

describe("key rotation", () => {
  it("knows every sealed column of the schema", () => {
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
    const sealed: string[] = [];
    let model = "";
    for (const line of schema.split("\n")) {
      model = /^model (\w+) \{/.exec(line)?.[1] ?? (line.startsWith("}") ? "" : model);
      const field = /^\s+(\w+(?:Enc|Sealed))\s/.exec(line)?.[1];
      if (model && field) sealed.push(`${model}.${field}`);
    }
    expect(sealed.length).toBeGreaterThan(0);
    expect(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort()).toEqual(sealed.sort());
  });

  it("reseals every sealed value with the new key, so the previous one can be dropped", async () => {
    const previous = parseKey(process.env.CAPSTAN_SECRET_KEY!, "CAPSTAN_SECRET_KEY");
    const plain = await openAll(createSealer(previous));
    // one value in each sealed column
    expect(new Set(plain.map((p) => p.split("=")[0]))).toEqual(new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`)));
    const current = randomBytes(32);
    const rotating = createSealer(current, [previous]);
    expect(await db.$transaction((tx) => resealStale(tx, rotating))).toBe(plain.length);
    expect(await openAll(createSealer(current))).toEqual(plain);
    // a second run finds nothing stale
    expect(await db.$transaction((tx) => resealStale(tx, rotating))).toBe(0);
  });
});
