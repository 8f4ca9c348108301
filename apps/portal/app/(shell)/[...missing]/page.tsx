import { notFound } from "next/navigation";

/** Any path no page serves: the shell's not-found page (not-found.tsx beside the layout), not a bare one. */
export default function Missing() {
  notFound();
}
