// When an action is big enough that a click is not consent: the count must be typed.

/**
 * More nodes than this taken offline at once (each drained: its pods evicted) need the count typed, not
 * only a click, so a filter that matches the whole fleet is not drained by accident. "A handful", as
 * issue 14 puts it.
 */
export const TYPED_COUNT_OVER = 5;

/** Whether moving `count` nodes to `to` must be confirmed by typing `count`: only OFFLINE drains. */
export const needsTypedCount = (to: string, count: number): boolean => to === "OFFLINE" && count > TYPED_COUNT_OVER;
