/** 32-bit FNV-1a hash of a string: stable seeds from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit words into one (a round of murmur3's finaliser on their combination). */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Counter-based randomness: the same (stream, counter) always gives the same number, so a price
 * path depends only on the seed and the time step, not on the order symbols were added in.
 */
export function uniform(stream: number, counter: number, lane = 0): number {
  const hi = Math.floor(counter / 0x1_0000_0000);
  const x = mix(mix(mix(stream, counter >>> 0), hi), lane);
  return (x + 0.5) / 0x1_0000_0000;
}

/** A standard normal draw for (stream, counter), by Box-Muller on two lanes. */
export function gaussian(stream: number, counter: number): number {
  const u1 = uniform(stream, counter, 1);
  const u2 = uniform(stream, counter, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
