/**
 * The wall's story scheduler, pure and clock-free (the caller passes `now`): it rotates through
 * the recent stories, jumps to a story that breaks, keeps it up a while, and goes back to rotating.
 */

export interface RotationConfig {
  /** Time each story stays up in rotation. */
  rotateMs: number;
  /** Time a breaking story stays up before rotation resumes. */
  breakingMs: number;
  /** A breaking story stays at least this long before the next breaking one replaces it. */
  minDwellMs: number;
}

export interface RotationState {
  /** The story on screen; null before there is any. */
  currentId: string | null;
  mode: 'rotate' | 'breaking';
  /** When the current story came on screen. */
  since: number;
  /** A story that broke while the current breaking one was still within its minimum dwell. */
  pendingId: string | null;
}

export const initialRotation: RotationState = { currentId: null, mode: 'rotate', since: 0, pendingId: null };

/** Breaking stays up for two rotation periods, at least 30 s; a newer break waits at least 5 s. */
export function rotationConfig(rotateMs: number): RotationConfig {
  return { rotateMs, breakingMs: Math.max(30_000, 2 * rotateMs), minDwellMs: Math.min(5_000, rotateMs) };
}

function show(id: string, mode: RotationState['mode'], now: number): RotationState {
  return { currentId: id, mode, since: now, pendingId: null };
}

/** A story broke: show it at once, unless the breaking story on screen has only just come up. */
export function breakStory(
  state: RotationState,
  id: string,
  now: number,
  cfg: RotationConfig,
): RotationState {
  if (state.currentId === id) return state.mode === 'breaking' ? state : show(id, 'breaking', now);
  if (state.mode === 'breaking' && now - state.since < cfg.minDwellMs) return { ...state, pendingId: id };
  return show(id, 'breaking', now);
}

/**
 * Moves the schedule on to `now` given the stories in rotation (newest first). Returns the same
 * object when nothing changes, so it can drive React state on a timer.
 */
export function advanceRotation(
  state: RotationState,
  ids: readonly string[],
  now: number,
  cfg: RotationConfig,
): RotationState {
  if (state.mode === 'breaking') {
    if (state.pendingId !== null && now - state.since >= cfg.minDwellMs) {
      return show(state.pendingId, 'breaking', now);
    }
    if (now - state.since < cfg.breakingMs) return state;
    // Back to rotation with the story after the breaking one (the newest stories were just seen).
    return nextInRotation(state.currentId, ids, now) ?? { ...state, mode: 'rotate', since: now };
  }
  if (state.currentId === null || !ids.includes(state.currentId)) {
    const first = ids[0];
    return first === undefined ? state : show(first, 'rotate', now);
  }
  if (now - state.since < cfg.rotateMs) return state;
  return nextInRotation(state.currentId, ids, now) ?? state;
}

function nextInRotation(currentId: string | null, ids: readonly string[], now: number): RotationState | null {
  if (ids.length === 0) return null;
  const at = currentId === null ? -1 : ids.indexOf(currentId);
  const next = ids[(at + 1) % ids.length];
  return next === undefined ? null : show(next, 'rotate', now);
}

/** Fraction (0 to 1) of the current story's time on screen that has passed, for a progress bar. */
export function rotationProgress(state: RotationState, now: number, cfg: RotationConfig): number {
  const span = state.mode === 'breaking' ? cfg.breakingMs : cfg.rotateMs;
  return Math.min(1, Math.max(0, (now - state.since) / span));
}

/** A story counts as breaking when it is new to the page and was received this recently. */
export const BREAKING_MAX_AGE_MS = 120_000;

/**
 * The newest story that broke since the page last looked (a seq above `seenSeq`, received within
 * BREAKING_MAX_AGE_MS of `now`), or null. Stories caught up after a long disconnect are not news.
 */
export function findBreaking<A extends { id: string; seq: number; receivedAt: number }>(
  articles: readonly A[],
  seenSeq: number,
  now: number,
): A | null {
  let best: A | null = null;
  for (const a of articles) {
    if (a.seq <= seenSeq || now - a.receivedAt > BREAKING_MAX_AGE_MS) continue;
    if (!best || a.seq > best.seq) best = a;
  }
  return best;
}
