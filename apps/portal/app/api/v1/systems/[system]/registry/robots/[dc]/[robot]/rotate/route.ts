import { rotatePushRobot } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(images.rotatePushRobot, (ctx, _req, p) => rotatePushRobot(ctx, p.system, p.dc, p.robot));
