import Link from "next/link";

/**
 * A list's "New …" action, for PageHeader's `actions` where the role may create: a link to the create page,
 * or (`#new`) to the create form further down the same page, which carries id="new".
 */
export function NewButton({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="btn-primary">
      {label}
    </Link>
  );
}
