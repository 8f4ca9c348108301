// A members edit kept on top of someone else's change (a conflict's "Keep my edit", edit-conflict.tsx).

/** A member as edited: its weight as typed. */
export interface MemberRow {
  group: string;
  weight: string;
}

/**
 * The members list after "Keep my edit": `now` (the members as someone else saved them meanwhile) with the user's
 * own edits of `start` (the list as their edit began) applied, as `draft` holds them: a weight they changed keeps
 * what they typed, a member they removed stays removed and one they added stays added (at the end); every other
 * member, weight and removal is theirs. Saving it at `now`'s version then changes only what the user changed.
 */
export function keepMemberEdits(start: MemberRow[], draft: MemberRow[], now: MemberRow[]): MemberRow[] {
  const was = new Map(start.map((r) => [r.group, r.weight]));
  const mine = new Map(draft.map((r) => [r.group, r.weight]));
  const removed = (g: string) => was.has(g) && !mine.has(g);
  const edited = (g: string) => mine.has(g) && mine.get(g) !== was.get(g);
  const kept = now.filter((r) => !removed(r.group)).map((r) => (edited(r.group) ? { group: r.group, weight: mine.get(r.group)! } : r));
  const added = draft.filter((r) => !was.has(r.group) && !now.some((n) => n.group === r.group));
  return [...kept, ...added];
}
