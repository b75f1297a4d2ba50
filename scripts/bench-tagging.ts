// `npm run bench:tagging`: stories tagged per second on one core, with the full symbol directory loaded
// and a realistic mix (wire headlines, press-release leads, long bodies). Prints figures; asserts nothing.
import { SymbolDirectory } from '../server/tagging/directory.js';
import { Tagger, type TagInput } from '../server/tagging/tagger.js';
import { loadEvalCases } from '../tests/tagging/evaluate.js';

/** The mix: every labelled story as written, and as many again with a body of five other stories (about 2 kB). */
export function storyMix(): TagInput[] {
  const cases = loadEvalCases();
  const short = cases.map((c) => ({
    headline: c.headline,
    summary: c.summary,
    body: c.body,
    providerTickers: c.provider,
  }));
  const long = cases.map((c, i) => ({
    headline: c.headline,
    summary: c.summary ?? cases[(i + 7) % cases.length]?.headline,
    body: Array.from({ length: 5 }, (_, k) => {
      const o = cases[(i * 13 + k * 31) % cases.length];
      return `${o?.headline}. ${o?.summary ?? ''} Shares were little changed in early trading, and analysts said the outlook was unchanged.`;
    }).join('\n\n'),
  }));
  return [...short, ...long];
}

/** Tags the mix for about `seconds` and returns stories per second. */
export function benchTagging(seconds = 3): {
  storiesPerSecond: number;
  kbPerSecond: number;
  loadMs: number;
  stories: number;
} {
  const t0 = performance.now();
  const tagger = new Tagger(SymbolDirectory.fromFiles());
  const loadMs = performance.now() - t0;
  const mix = storyMix();
  const bytes = mix.reduce(
    (n, s) => n + s.headline.length + (s.summary?.length ?? 0) + (s.body?.length ?? 0),
    0,
  );
  for (const s of mix) tagger.tag(s); // warm up
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const s of mix) tagger.tag(s);
    rounds++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return {
    storiesPerSecond: (rounds * mix.length) / elapsed,
    kbPerSecond: (rounds * bytes) / 1024 / elapsed,
    loadMs,
    stories: mix.length,
  };
}

/** Inputs shaped to catch super-linear work: repeated names, prefixes, brackets, symbols. */
const SHAPES = [
  'Apple Apple Apple Apple ',
  'A A A A A A A A ',
  '$$$$$$$$$$$$',
  '((((((((((((',
  'NYSE: NYSE: NYSE: ',
  'Bank of Bank of Bank of ',
  'AAAA-AAAA-AAAA-',
  '<<<<<<<<<<<<',
  '...........',
  'The Procter & Procter & Procter & ',
  'Gartner (IT) Gartner (IT) ',
  'Delta Delta (NYSE: DAL) Target ',
  '$NVDA AVGO MRVL ',
];

/**
 * Time to tag each shape at 20 kB and at 80 kB (fastest of several runs): linear work costs about
 * four times as much for four times the text, quadratic about sixteen times.
 */
export function linearity(
  tagger: Tagger = new Tagger(SymbolDirectory.fromFiles()),
): { shape: string; ratio: number }[] {
  const fastest = (text: string) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      tagger.tag({ headline: text.slice(0, 200), summary: text, body: text });
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  return SHAPES.map((shape) => {
    const small = shape.repeat(Math.ceil(20_000 / shape.length));
    const large = shape.repeat(Math.ceil(80_000 / shape.length));
    fastest(small);
    return { shape, ratio: fastest(large) / Math.max(fastest(small), 0.05) };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchTagging(Number(process.env.BENCH_SECONDS ?? 3));
  console.log(`tagging: directory loaded in ${r.loadMs.toFixed(0)} ms; mix of ${r.stories} stories`);
  console.log(
    `tagging: ${Math.round(r.storiesPerSecond).toLocaleString('en-US')} stories/s on one core (${Math.round(r.kbPerSecond).toLocaleString('en-US')} kB/s)`,
  );
  const lin = linearity();
  const worst = lin.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  console.log(
    `tagging: 4x the text costs ${Math.min(...lin.map((l) => l.ratio)).toFixed(1)}–${worst.ratio.toFixed(1)}x the time over ${lin.length} adversarial shapes (worst ${JSON.stringify(worst.shape)}; linear ≈ 4, quadratic ≈ 16)`,
  );
}
