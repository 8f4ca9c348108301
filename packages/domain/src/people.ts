// How a person is named wherever the portal shows one: pages, notifications, activity sentences.

/**
 * A person's display name, or their e-mail when the name is blank (an account made from an e-mail alone).
 * The e-mail identifies; the name is what people read, so it comes first everywhere a person is shown.
 */
export const personName = (p: { name: string; email: string }): string => p.name.trim() || p.email;
