import { deletePushRobot } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const DELETE = api(images.deletePushRobot, (ctx, _req, p) => deletePushRobot(ctx, p.system, p.dc, p.robot));
