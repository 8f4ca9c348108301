import { NextResponse } from "next/server";
import { meta } from "@/lib/contract";
import { openApiDocument } from "@/lib/openapi";
import { declared } from "@/lib/server/api";

export const GET = declared(meta.openApi, () => NextResponse.json(openApiDocument()));
