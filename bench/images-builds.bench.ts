// `npm run bench -- images`: the build figures of bench/images.ts (promotion's figure is another bench's).
import { benchDatabase } from "./database";
import { buildBench, demoBuildSeconds, webhookToStartSeconds } from "./images";

process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";
const { url, db, stop } = await benchDatabase();
const world = await buildBench(db, url);
try {
  const build = await demoBuildSeconds(world.world);
  console.log(`build of the demo repository to a pushed image: ${build.seconds.toFixed(2)} s (target ≤ 10 s), ${build.digest}`);
  const webhook = await webhookToStartSeconds(world.world);
  console.log(`webhook to build start: ${webhook.toFixed(2)} s (target ≤ 1 s)`);
} finally {
  await world.stop();
  await db.$disconnect();
  await stop();
}
