import { NOT_COMPANY_AFTER, NOT_COMPANY_BEFORE } from './aliases.js';
import type { NameEntry, SymbolDirectory } from './directory.js';
import { isShouting, isTitleCase, type Word, words } from './text.js';

/** How sure a name is the company: yes, no, or only if the story backs it up (pass two). */
export type Verdict = 'yes' | 'no' | 'maybe';

/** A name found in a zone of the text. */
export interface NameCandidate {
  entry: NameEntry;
  key: string;
  /** Character offsets in the tagged text. */
  start: number;
  end: number;
  verdict: Verdict;
  /** The name is followed by a word saying it only describes another company ("Apple supplier"). */
  descriptor: boolean;
  /** Preceded by an attribution ("told Reuters", "with Microsoft"): not the lead's subject. */
  attribution: boolean;
  /** A source of the story rather than its subject ("analysts at Goldman Sachs", "Morgan Stanley strategists"). */
  source: boolean;
}

/** Hyphen prefixes a name may follow ("ex-Goldman"). */
const PREFIX_OK = new Set(['ex', 'non', 'pro', 'anti', 'post', 'pre']);
/** Hyphen suffixes a name may carry ("Nvidia-backed"), which also show it is the company. */
const COMPOUND_OK = new Set([
  'backed',
  'owned',
  'led',
  'based',
  'made',
  'designed',
  'branded',
  'listed',
  'linked',
  'related',
  'focused',
  'funded',
  'controlled',
  'operated',
  'built',
  'powered',
  'supplied',
  'sponsored',
  'affiliated',
  'style',
  'like',
  'bound',
  'exposed',
  'heavy',
  'sized',
  'centric',
  'specific',
  'only',
  'approved',
  'certified',
]);
/** Small words allowed inside a name ("Bank of America", "Procter & Gamble"). */
const CONNECTORS = new Set(['of', 'and', '&', 'the', 'de', 'du', 'la', 'del', 'y', 'e', 'für']);

/** Words after a name that say it is the company acting or owning something. */
const COMPANY_AFTER = new Set(
  `inc corp corporation co ltd plc llc ag nv sa se shares share stock stocks said says reported reports posted posts
  announced announces unveiled unveils launched launches introduced introduces ceo cfo coo chief executive executives
  spokesperson spokesman spokeswoman chairman founder cofounder plans planned agreed agrees rose rises fell falls
  jumped jumps slid slides dropped drops gained gains climbed climbs tumbled tumbles surged surges sank sinks soared
  soars plunged plunges rallied rallies slumped slumps beat beats missed misses raised raises cut cuts lifted lifts
  lowered lowers boosted boosts trimmed trims sued sues expects forecast forecasts sees warned warns hired hires
  bought buys sold sells acquired acquires invests invested investors shareholders board earnings results revenue
  revenues sales profit profits guidance outlook stores store customers employees workers staff will would has had
  filed files confirmed confirms denied denies disclosed discloses delayed delays paused pauses opened opens won
  wins lost loses faces faced settled settles struck signed signs partnered teamed overtook tops topped trails
  trailed lags shed sheds added adds debuted debuts released releases rolled rolls recalls recalled app apps devices
  device chips chip iphone iphones ipad mac watch intelligence pay cloud ai glasses headset platforms holdings
  flights flight planes pilots jets fleet card cards network payments users subscribers deal merger bid offer
  stake unit division subsidiary employees marketplace brand logo dividend buyback buybacks bonds notes debt
  valuation market-cap capitalization headquarters hq campus factory factories plant plants supplier suppliers
  cuts jobs layoffs union strike ipo listing quarter quarterly annual fiscal q1 q2 q3 q4 guidance completes
  complete wins names sets eyes weighs considers explores mulls nears seeks taps hits flags expands builds makes
  takes gets pays offers prices joins leads slashes hikes ends halts stops resumes starts begins backs bets inks
  strikes clinches secures reveals guides outlines appoints fires promotes replaces restructures spins splits
  merges buy sell invest open close raise expand build shuts scraps drops ditches axes trims readies prepares
  targets aims vows pledges urges asks tells rejects accepts approves wants needs`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words before a name that say a company follows ("retailer Target", "shares of Apple"). */
const COMPANY_BEFORE = new Set(
  `retailer retailers chipmaker chipmakers carrier carriers airline airlines automaker automakers carmaker carmakers
  giant giants maker makers parent owner rival rivals peer peers company companies firm firms conglomerate lender
  lenders insurer insurers brand supplier suppliers customer customers partner partners operator designer developer
  vs versus like including named buy sell overweight underweight outperform underperform downgrades downgraded
  upgrades upgraded upgrade downgrade`
    .split(/\s+/)
    .filter(Boolean),
);
/** "shares of Apple", "stake in Meta". */
const BEFORE_OF = new Set([
  'shares',
  'stake',
  'stakes',
  'stock',
  'units',
  'unit',
  'ownership',
  'investment',
  'bet',
  'bets',
  'ceo',
  'chief',
  'cfo',
  'owner',
  'parent',
  'investors',
  'shareholders',
  'executives',
  'bid',
  'offer',
  'acquisition',
  'takeover',
  'rival',
]);
/** Words after a name that make it a description of another company ("Apple supplier Foxconn"). */
const DESCRIPTORS = new Set([
  'supplier',
  'suppliers',
  'backed',
  'owned',
  'rival',
  'rivals',
  'partner',
  'partners',
  'customer',
  'customers',
  'client',
  'investor',
  'peer',
  'peers',
  'spinoff',
  'spin',
  'affiliate',
  'linked',
  'funded',
  'parent',
  'veteran',
  'alum',
  'alumni',
  'shareholder',
]);
/** Words before a name that make it a source or an attribution ("analysts at Goldman Sachs"). */
const ATTRIBUTION = new Set([
  'at',
  'according',
  'from',
  'by',
  'with',
  'analyst',
  'analysts',
  'per',
  'via',
  'told',
]);
/** People who speak for a firm without the story being about it ("Goldman Sachs analysts said"). */
const SOURCES = new Set([
  'analyst',
  'analysts',
  'economist',
  'economists',
  'strategist',
  'strategists',
  'research',
]);

/** Capitalised only because they start a sentence: not a first name before a surname. */
const FUNCTION_WORDS = new Set(
  `in at for but and as when while after before with without from by on of to if so yet meanwhile also even only
  like unlike since until despite though although because whether where how why what which who that this these those
  its their his her our my your we they he she it i then now today yesterday both all some many most no not new
  monday tuesday wednesday thursday friday saturday sunday shares investors analysts rivals peers including`
    .split(/\s+/)
    .filter(Boolean),
);

const toSets = (table: Record<string, string>) =>
  new Map(Object.entries(table).map(([k, v]) => [k, new Set(v.split(/\s+/).filter(Boolean))]));
const NOT_AFTER = toSets(NOT_COMPANY_AFTER);
const NOT_BEFORE = toSets(NOT_COMPANY_BEFORE);
/** True when a word right after (or before) the name says it is not the company. */
const blocked = (table: Map<string, Set<string>>, key: string, word: string) =>
  !!(table.get('*')?.has(word) || table.get(key)?.has(word));

/**
 * Scans one zone of the text (headline, summary or body) for company names: one pass over the
 * words, extending a phrase only while it is the prefix of a known name (Map and Set lookups).
 */
export function scanNames(
  zone: string,
  offset: number,
  dir: SymbolDirectory,
  headline = false,
  ws: Word[] = words(zone),
): NameCandidate[] {
  const shouting = isShouting(zone);
  const title = !shouting && isTitleCase(ws);
  const out: NameCandidate[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as Word;
    if (!w.cap) {
      const e = dir.names.get(w.key);
      if (e?.lower && w.raw === w.raw.toLowerCase() && !w.joinPrev && !w.joinNext) {
        out.push(candidate(ws, i, i, e, w.key, offset, shouting, title, headline));
      }
      continue;
    }
    if (w.joinPrev && !PREFIX_OK.has(ws[i - 1]?.key ?? '')) continue;
    let key = w.key;
    let j = i;
    let best: { j: number; e: NameEntry; key: string } | null = null;
    for (;;) {
      const e = dir.names.get(key);
      const last = ws[j] as Word;
      const next = ws[j + 1];
      const endsWell = !last.joinNext || COMPOUND_OK.has(next?.key ?? '');
      if (e && endsWell && last.cap && (!e.possessive || last.poss)) best = { j, e, key };
      if (!next || last.poss || next.breakBefore || !dir.prefixes.has(key)) break;
      if (!next.cap && !CONNECTORS.has(next.key)) break;
      j++;
      key = `${key} ${next.key}`;
    }
    if (!best) continue;
    out.push(candidate(ws, i, best.j, best.e, best.key, offset, shouting, title, headline));
    i = best.j;
  }
  return out;
}

function candidate(
  ws: Word[],
  first: number,
  last: number,
  entry: NameEntry,
  key: string,
  offset: number,
  shouting: boolean,
  title: boolean,
  headline: boolean,
): NameCandidate {
  const w0 = ws[first] as Word;
  const wn = ws[last] as Word;
  const prev = w0.breakBefore ? undefined : ws[first - 1];
  const prev2 = prev && !prev.breakBefore ? ws[first - 2] : undefined;
  const next = ws[last + 1] && !(ws[last + 1] as Word).breakBefore ? ws[last + 1] : undefined;
  const descriptor = !!next && !wn.poss && DESCRIPTORS.has(next.key);
  const attribution =
    (!!prev && ATTRIBUTION.has(prev.key)) ||
    (prev?.key === 'to' && prev2?.key === 'according') ||
    (!!prev2 && (prev2.key === 'analysts' || prev2.key === 'analyst'));
  const source =
    (prev?.key === 'at' && !!prev2 && SOURCES.has(prev2.key)) ||
    (prev?.key === 'to' && prev2?.key === 'according') ||
    (!!next && !wn.poss && SOURCES.has(next.key));
  const base = {
    entry,
    key,
    start: offset + w0.start,
    end: offset + wn.end,
    descriptor,
    attribution,
    source,
  };
  // Wire headlines open with "Company to do something": the subject, not a word.
  const opensHeadline = headline && first === 0 && next?.key === 'to';
  return {
    ...base,
    verdict: opensHeadline ? 'yes' : verdict(entry, key, prev, prev2, next, wn, w0, shouting, title),
  };
}

function verdict(
  e: NameEntry,
  key: string,
  prev: Word | undefined,
  prev2: Word | undefined,
  next: Word | undefined,
  last: Word,
  first: Word,
  shouting: boolean,
  title: boolean,
): Verdict {
  if (next && !last.poss && blocked(NOT_AFTER, key, next.key)) return 'no';
  if (!e.context) {
    if (shouting && !e.curated && e.size < 2) return 'no';
    return 'yes';
  }
  if (prev && blocked(NOT_BEFORE, key, prev.key)) return 'no';
  // "Michael Dell", "Harrison Ford": a capitalised word right before makes it part of another name.
  if (
    prev?.cap &&
    !title &&
    !shouting &&
    !prev.upper &&
    !COMPANY_BEFORE.has(prev.key) &&
    !FUNCTION_WORDS.has(prev.key)
  )
    return 'no';
  if (last.poss) return 'yes';
  if (next && (COMPANY_AFTER.has(next.key) || COMPOUND_OK.has(next.key) || DESCRIPTORS.has(next.key)))
    return 'yes';
  // A past-tense verb right after it makes the name the subject: "Ford issued a recall".
  if (next && !next.cap && next.key.length > 4 && next.key.endsWith('ed')) return 'yes';
  if (prev && COMPANY_BEFORE.has(prev.key)) return 'yes';
  if (prev && prev2 && (prev.key === 'of' || prev.key === 'in') && BEFORE_OF.has(prev2.key)) return 'yes';
  if (shouting || title || first.sentenceStart) return 'maybe';
  return 'yes';
}
