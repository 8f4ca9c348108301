import "server-only";
import type { Metadata } from "next";
import type { MessageKey } from "@/messages";
import { pageTranslator } from "./context";

/**
 * A page's `generateMetadata` whose title is the catalogue's text for `key` in the reader's language (the
 * root layout's template adds " · Capstan").
 */
export const titled = (key: MessageKey) => async (): Promise<Metadata> => ({ title: (await pageTranslator())(key) });
