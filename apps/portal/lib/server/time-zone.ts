import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_TIME_ZONE, isTimeZone, TIME_ZONE_COOKIE } from "@/lib/time";

/** The viewer's time zone as their browser last stored it (components/ui/time.tsx), else UTC. */
export async function pageTimeZone(): Promise<string> {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}
