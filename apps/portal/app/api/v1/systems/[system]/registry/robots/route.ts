import { createPushRobot } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api, body, created } from "@/lib/server/api";

export const POST = api(images.createPushRobot, async (ctx, req, p) => {
  const robot = await createPushRobot(ctx, p.system, await body(req));
  return created(robot, `/api/v1/systems/${p.system}/registry`);
});
