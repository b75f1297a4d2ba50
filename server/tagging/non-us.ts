/**
 * Listings outside the US directory: venue-suffixed codes (9988.HK, 2330.TW, ETX.TO) in the form
 * most wires and data vendors share, crypto pairs (BTC-USD) and futures (MGC=F). A foreign listing
 * of a company that also trades in the US maps to the US symbol; otherwise it is kept as it is.
 */

/** Exchange prefix as written in stories ("HKEX: 9988", "TSX: ETX") -> code suffix; '' = a US venue. */
const VENUE_SUFFIX: Record<string, string> = {
  NYSE: '',
  NYSEAMERICAN: '',
  NYSEARCA: '',
  NYSEMKT: '',
  NYSEAMEX: '',
  NASDAQ: '',
  NASDAQGS: '',
  NASDAQGM: '',
  NASDAQCM: '',
  NASDAQGLOBALSELECT: '',
  NASDAQGLOBALMARKET: '',
  NASDAQCAPITALMARKET: '',
  AMEX: '',
  CBOE: '',
  CBOEBZX: '',
  BATS: '',
  OTC: '',
  OTCQX: '',
  OTCQB: '',
  OTCPINK: '',
  OTCMARKETS: '',
  TSX: 'TO',
  TSXV: 'V',
  'TSX-V': 'V',
  CSE: 'CN',
  LSE: 'L',
  LON: 'L',
  AIM: 'L',
  HKEX: 'HK',
  HKSE: 'HK',
  SEHK: 'HK',
  TWSE: 'TW',
  TPE: 'TW',
  TYO: 'T',
  TSE: 'T',
  ASX: 'AX',
  NZX: 'NZ',
  SGX: 'SI',
  KRX: 'KS',
  KOSPI: 'KS',
  KOSDAQ: 'KQ',
  SSE: 'SS',
  SZSE: 'SZ',
  FWB: 'F',
  FRA: 'F',
  ETR: 'DE',
  XETRA: 'DE',
  EURONEXTPARIS: 'PA',
  EURONEXTAMSTERDAM: 'AS',
  EURONEXTBRUSSELS: 'BR',
  AMS: 'AS',
  SIX: 'SW',
  SWX: 'SW',
  OMX: 'ST',
  STO: 'ST',
  CPH: 'CO',
  HEL: 'HE',
  OSL: 'OL',
  JSE: 'JO',
  BMV: 'MX',
  BVMF: 'SA',
  B3: 'SA',
  NSE: 'NS',
  BSE: 'BO',
  TASE: 'TA',
  TADAWUL: 'SR',
};

/** Suffixes accepted on a code written in the text ("9988.HK", "<0700.HK>"). */
export const NON_US_SUFFIXES: ReadonlySet<string> = new Set([
  ...Object.values(VENUE_SUFFIX).filter(Boolean),
  'TWO',
  'S',
  'MI',
  'MC',
  'LS',
  'VI',
  'IR',
  'WA',
  'IS',
  'BK',
  'JK',
  'KL',
]);

/** Reuters suffixes of US venues: <KODK.N>, <AAPL.O>, <BRKb.N>. */
export const US_RIC_SUFFIXES: ReadonlySet<string> = new Set(['N', 'O', 'OQ', 'A', 'P', 'K', 'PK', 'Z', 'OB']);

/** Suffix variants that name the same venue (Reuters .S for Zurich, Yahoo .SW). */
const SUFFIX_ALIAS: Record<string, string> = { S: 'SW' };

/**
 * Foreign listings of companies that also trade in the US (the US symbol), or that do not (null),
 * with their everyday name. Codes are in canonical form (see nonUsCode).
 */
export const NON_US_LISTINGS: Record<string, { us: string | null; name: string }> = {
  '9988.HK': { us: 'BABA', name: 'Alibaba' },
  '89988.HK': { us: 'BABA', name: 'Alibaba' },
  '0700.HK': { us: 'TCEHY', name: 'Tencent' },
  '80700.HK': { us: 'TCEHY', name: 'Tencent' },
  '9618.HK': { us: 'JD', name: 'JD.com' },
  '9888.HK': { us: 'BIDU', name: 'Baidu' },
  '9866.HK': { us: 'NIO', name: 'NIO' },
  '9868.HK': { us: 'XPEV', name: 'XPeng' },
  '2015.HK': { us: 'LI', name: 'Li Auto' },
  '9999.HK': { us: 'NTES', name: 'NetEase' },
  '9961.HK': { us: 'TCOM', name: 'Trip.com' },
  '9626.HK': { us: 'BILI', name: 'Bilibili' },
  '0005.HK': { us: 'HSBC', name: 'HSBC' },
  '1810.HK': { us: 'XIACY', name: 'Xiaomi' },
  '1211.HK': { us: 'BYDDY', name: 'BYD' },
  '3690.HK': { us: null, name: 'Meituan' },
  '0941.HK': { us: null, name: 'China Mobile' },
  '1299.HK': { us: null, name: 'AIA Group' },
  '0388.HK': { us: null, name: 'Hong Kong Exchanges and Clearing' },
  '2318.HK': { us: null, name: 'Ping An Insurance' },
  '1398.HK': { us: null, name: 'ICBC' },
  '0981.HK': { us: null, name: 'SMIC' },
  '2330.TW': { us: 'TSM', name: 'TSMC' },
  '2303.TW': { us: 'UMC', name: 'United Microelectronics' },
  '3711.TW': { us: 'ASX', name: 'ASE Technology' },
  '2317.TW': { us: null, name: 'Hon Hai Precision (Foxconn)' },
  '2454.TW': { us: null, name: 'MediaTek' },
  '2308.TW': { us: null, name: 'Delta Electronics' },
  '7203.T': { us: 'TM', name: 'Toyota' },
  '6758.T': { us: 'SONY', name: 'Sony' },
  '7267.T': { us: 'HMC', name: 'Honda' },
  '8306.T': { us: 'MUFG', name: 'Mitsubishi UFJ' },
  '8316.T': { us: 'SMFG', name: 'Sumitomo Mitsui' },
  '9984.T': { us: 'SFTBY', name: 'SoftBank Group' },
  '7974.T': { us: 'NTDOY', name: 'Nintendo' },
  '8035.T': { us: null, name: 'Tokyo Electron' },
  '6861.T': { us: null, name: 'Keyence' },
  '9983.T': { us: null, name: 'Fast Retailing' },
  '005930.KS': { us: null, name: 'Samsung Electronics' },
  '000660.KS': { us: null, name: 'SK Hynix' },
  '005380.KS': { us: null, name: 'Hyundai Motor' },
  '600519.SS': { us: null, name: 'Kweichow Moutai' },
  '300750.SZ': { us: null, name: 'CATL' },
  'ASML.AS': { us: 'ASML', name: 'ASML' },
  'INGA.AS': { us: 'ING', name: 'ING' },
  'PHIA.AS': { us: 'PHG', name: 'Philips' },
  'SAP.DE': { us: 'SAP', name: 'SAP' },
  'SAPG.DE': { us: 'SAP', name: 'SAP' },
  'DBK.DE': { us: 'DB', name: 'Deutsche Bank' },
  'DBKGN.DE': { us: 'DB', name: 'Deutsche Bank' },
  'SIE.DE': { us: 'SIEGY', name: 'Siemens' },
  'SIEGN.DE': { us: 'SIEGY', name: 'Siemens' },
  'VOW3.DE': { us: null, name: 'Volkswagen' },
  'BMW.DE': { us: null, name: 'BMW' },
  'MBG.DE': { us: null, name: 'Mercedes-Benz' },
  'ALV.DE': { us: null, name: 'Allianz' },
  'SHEL.L': { us: 'SHEL', name: 'Shell' },
  'HSBA.L': { us: 'HSBC', name: 'HSBC' },
  'AZN.L': { us: 'AZN', name: 'AstraZeneca' },
  'BP.L': { us: 'BP', name: 'BP' },
  'RIO.L': { us: 'RIO', name: 'Rio Tinto' },
  'GSK.L': { us: 'GSK', name: 'GSK' },
  'ULVR.L': { us: 'UL', name: 'Unilever' },
  'BARC.L': { us: 'BCS', name: 'Barclays' },
  'LLOY.L': { us: 'LYG', name: 'Lloyds Banking' },
  'VOD.L': { us: 'VOD', name: 'Vodafone' },
  'DGE.L': { us: 'DEO', name: 'Diageo' },
  'BATS.L': { us: 'BTI', name: 'British American Tobacco' },
  'NOVO-B.CO': { us: 'NVO', name: 'Novo Nordisk' },
  'NOVOB.CO': { us: 'NVO', name: 'Novo Nordisk' },
  'NOVN.SW': { us: 'NVS', name: 'Novartis' },
  'UBSG.SW': { us: 'UBS', name: 'UBS' },
  'NESN.SW': { us: 'NSRGY', name: 'Nestle' },
  'ROG.SW': { us: 'RHHBY', name: 'Roche' },
  'MC.PA': { us: 'LVMUY', name: 'LVMH' },
  'AIR.PA': { us: 'EADSY', name: 'Airbus' },
  'TTE.PA': { us: 'TTE', name: 'TotalEnergies' },
  'SAN.PA': { us: 'SNY', name: 'Sanofi' },
  'OR.PA': { us: null, name: "L'Oreal" },
  'BHP.AX': { us: 'BHP', name: 'BHP' },
  'CBA.AX': { us: null, name: 'Commonwealth Bank of Australia' },
  'INFY.NS': { us: 'INFY', name: 'Infosys' },
  'HDFCBANK.NS': { us: 'HDB', name: 'HDFC Bank' },
  'RELIANCE.NS': { us: null, name: 'Reliance Industries' },
  'TCS.NS': { us: null, name: 'Tata Consultancy Services' },
  'SHOP.TO': { us: 'SHOP', name: 'Shopify' },
  'RY.TO': { us: 'RY', name: 'Royal Bank of Canada' },
  'TD.TO': { us: 'TD', name: 'Toronto-Dominion Bank' },
  'ENB.TO': { us: 'ENB', name: 'Enbridge' },
  'CNQ.TO': { us: 'CNQ', name: 'Canadian Natural Resources' },
  'VALE3.SA': { us: 'VALE', name: 'Vale' },
  'PETR4.SA': { us: 'PBR', name: 'Petrobras' },
  'D05.SI': { us: null, name: 'DBS Group' },
};

/** Coins written as pairs (BTC-USD) or cashtags ($BTC, $ETH mean the coins, not the funds). */
export const CRYPTO_BASES: ReadonlySet<string> = new Set([
  'BTC',
  'ETH',
  'SOL',
  'XRP',
  'ADA',
  'DOGE',
  'DOT',
  'AVAX',
  'LINK',
  'LTC',
  'BCH',
  'MATIC',
  'POL',
  'SHIB',
  'TRX',
  'XLM',
  'UNI',
  'ATOM',
  'ETC',
  'XMR',
  'BNB',
  'TON',
  'NEAR',
  'APT',
  'ARB',
  'SUI',
  'PEPE',
  'USDT',
  'USDC',
]);

/** Quote currencies of a pair. */
export const QUOTE_CURRENCIES: ReadonlySet<string> = new Set([
  'USD',
  'USDT',
  'USDC',
  'EUR',
  'GBP',
  'JPY',
  'BTC',
]);

/** Normalises an exchange prefix as written ("Nasdaq GS", "NYSE American") to a key of VENUE_SUFFIX. */
function venueKey(venue: string): string {
  return venue.toUpperCase().replace(/[\s.]+/g, '');
}

/** The code suffix of a venue: '' for a US venue, null for an unknown one. */
export function venueSuffix(venue: string): string | null {
  const key = venueKey(venue);
  return key in VENUE_SUFFIX ? (VENUE_SUFFIX[key] as string) : null;
}

/**
 * Canonical code of a foreign listing: Hong Kong numbers padded to four digits (700 -> 0700.HK),
 * Reuters share-class letters folded (NOVOb -> NOVOB), venue aliases unified (.S -> .SW).
 */
export function nonUsCode(code: string, suffix: string): string {
  const sfx = SUFFIX_ALIAS[suffix.toUpperCase()] ?? suffix.toUpperCase();
  let c = code.toUpperCase();
  if (sfx === 'HK' && /^\d{1,4}$/.test(c)) c = c.padStart(4, '0');
  return `${c}.${sfx}`;
}

/** The code of a listing given with an exchange prefix ("TSX", "ETX" -> "ETX.TO"), or null for a US venue. */
export function nonUsCodeForVenue(venue: string, code: string): string | null {
  const sfx = venueSuffix(venue);
  if (!sfx) return null;
  return nonUsCode(code, sfx);
}

/** Canonical crypto pair ("btc", "usd" -> "BTC-USD") or null when the base is not a known coin. */
export function cryptoPair(base: string, quote = 'USD'): string | null {
  const b = base.toUpperCase();
  const q = quote.toUpperCase();
  return CRYPTO_BASES.has(b) && QUOTE_CURRENCIES.has(q) && b !== q ? `${b}-${q}` : null;
}

/** What kind of symbol a canonical code outside the US directory is, or null when it is none of these. */
export function marketOf(symbol: string): 'non-us' | 'crypto' | 'future' | null {
  if (/^[A-Z0-9]{1,4}=F$/.test(symbol)) return 'future';
  const dash = symbol.indexOf('-');
  if (dash > 0 && cryptoPair(symbol.slice(0, dash), symbol.slice(dash + 1)) === symbol) return 'crypto';
  const dot = symbol.lastIndexOf('.');
  if (dot > 0 && NON_US_SUFFIXES.has(symbol.slice(dot + 1)) && /^[A-Z0-9-]{1,10}$/.test(symbol.slice(0, dot)))
    return 'non-us';
  return null;
}
