/** A short tone made in code (no sound file): one note for news, a rising pair for a move. */

let context: AudioContext | null = null;
let lastBeep = 0;
/** Alerts arriving together sound once. */
const MIN_GAP_MS = 800;

/** The page's audio context; created (or resumed) on a click, as browsers require. */
export function unlockAudio(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}

function tone(ctx: AudioContext, frequency: number, start: number, duration: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  // A quick attack and decay: no click at either end.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
}

/** Plays the alert sound; silent when the page has no audio yet. */
export function playBeep(kind: 'news' | 'move'): void {
  unlockAudio();
  if (!context || performance.now() - lastBeep < MIN_GAP_MS) return;
  lastBeep = performance.now();
  const t = context.currentTime + 0.01;
  if (kind === 'news') tone(context, 880, t, 0.18);
  else {
    tone(context, 660, t, 0.14);
    tone(context, 990, t + 0.16, 0.2);
  }
}
