const POSITIVE = [
  'beat',
  'beats',
  'tops',
  'surge',
  'surges',
  'soar',
  'soars',
  'jump',
  'jumps',
  'rally',
  'rallies',
  'record',
  'raise',
  'raises',
  'raised',
  'lifts',
  'boost',
  'boosts',
  'upgrade',
  'upgraded',
  'approval',
  'approved',
  'wins',
  'win',
  'strong',
  'growth',
  'expands',
  'buyback',
  'outperform',
  'exceeds',
  'accelerates',
  'gain',
  'gains',
  'profit',
  'breakthrough',
  'partnership',
  'launches',
  'unveils',
  'higher',
  'above',
];
const NEGATIVE = [
  'miss',
  'misses',
  'missed',
  'plunge',
  'plunges',
  'slump',
  'slumps',
  'fall',
  'falls',
  'drop',
  'drops',
  'sink',
  'sinks',
  'cut',
  'cuts',
  'downgrade',
  'downgraded',
  'probe',
  'lawsuit',
  'sues',
  'recall',
  'recalls',
  'weak',
  'warns',
  'warning',
  'loss',
  'losses',
  'halt',
  'halts',
  'delay',
  'delays',
  'layoffs',
  'fine',
  'fined',
  'investigation',
  'lower',
  'below',
  'decline',
  'declines',
  'bankruptcy',
  'default',
  'fraud',
  'resigns',
  'slows',
  'slowing',
  'shortfall',
  'tariff',
  'tariffs',
  'ban',
];
const POS = new Set(POSITIVE);
const NEG = new Set(NEGATIVE);

/**
 * Tone of a story from -1 (bad news) to 1 (good news), by counting market words; the headline
 * counts double. A simple lexicon: it only decides which way the mock market moves.
 */
export function toneOf(headline: string, text = ''): number {
  let pos = 0;
  let neg = 0;
  const count = (s: string, weight: number) => {
    for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) {
      if (POS.has(w)) pos += weight;
      else if (NEG.has(w)) neg += weight;
    }
  };
  count(headline, 2);
  count(text, 1);
  if (pos + neg === 0) return 0;
  return Math.round(((pos - neg) / (pos + neg + 1)) * 100) / 100;
}
