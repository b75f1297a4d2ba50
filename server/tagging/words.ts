/** Word lists of the tagger: legal-name parts, generic words and things that look like tickers but are not. */

/** A set from a space-separated list (the lists are long; one word a line would hide them). */
const list = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** Words that end legal names and are dropped when deriving the name people write. */
export const LEGAL_SUFFIXES = list(`
  inc incorporated corp corporation co company companies ltd limited plc llc lp sa ag se nv bv ab asa as
  spa oyj holding holdings group com adr ads the new de del md mn ny pa
`);

/** Generic words that may follow the distinctive part of a name ("Palantir Technologies"). */
export const TRAILING_GENERIC = list(`
  bancorp brands communications energy enterprises entertainment financial global group holding holdings
  industries interactive international laboratories labs motors networks partners pharmaceuticals
  platforms resources semiconductor services software solutions systems technologies technology
  therapeutics worldwide
`);

/**
 * One-word names derived from legal names that mean something else far more often (words, places,
 * surnames, indexes): such a company is found by its full name or its symbol, not by this word.
 */
export const UNSAFE_SINGLE_WORDS = list(`
  acadia acuity advanced africa alamo albany align allied ally alpha amazon america american americas
  amicus amplitude anchor apex apogee apple applied april arizona arm arrowhead asana ashland asia
  atlanta atlantic atlas atmos august avista bailey ball baltimore bancorp bank banner baxter beam
  beijing bentley berlin beta bezos biden bill block bloom blue booking boston brady braze brazil bread
  bridge bright britain brookfield brown brunswick buckle buffett bumble byline cabot cactus cadre
  california calumet campbell canada cannae capital capri care carlisle carnival carolina carpenter
  carrier carter catalyst celsius central chart charter chase chicago chime china chord cincinnati
  citizens city civitas clear cleveland cloud coastal cogent coherent colliers colorado columbia
  community compass confluent constellation construction consumers continental cooper copa core corning
  cost crane credo crescent crispr crocs cross crown customers dakota dallas dana data dave dax december
  deere delta denali denver detroit devon diamond diamondback digi digital dimon diodes direct
  distribution dolby dole donaldson dover dow driven dynamic eagle east eastern edison elastic element
  ellington enact energy ensign enterprise equinix equitable equity essent establishment europe ever
  everest expand expedia exponent extreme february federal ferguson figure financial first flagstar flex
  florida fluence flutter ford fortis fortune france franklin freedom friday frontier frontline ftse
  fulton galapagos gamma gap general genesis georgia germany gibraltar glacier global gogo gold graham
  grail green griffon guild gulfport hang harbor harris harrow hawkins hayward health helios hello
  heritage hershey hess hilltop home homes hope house houston hudson huntsman icahn icon impinj india
  innovative insight insurance integer intel inter interface international iridium jackson jacobs
  january janus japan jazz jersey johnson july june karman kellogg kirby knowles korea lagarde lakeland
  lattice lear legacy lemonade lennox liberty life ligand lilly lincoln lindsay lineage live loews
  london lotus lumen lyft madison madrigal magna main march markel market markets matador match maximus
  mccormick media medical merchants mercury merus meta mexico miami microchip micron minerals mission
  mobile mohawk monday montana moog moon morgan motorola mueller musk nasdaq national navigator network
  nevada newell news newsmax nice nikkei noble north northern northwestern nova november nuclear nyse
  obama october ohio olin omega open opera option oracle oregon organon oscar oshkosh otis ouster
  pacific palomar paris park parsons path patrick peabody pearson peloton penguin penn peoples perimeter
  permian philadelphia phoenix pinnacle pioneer pittsburgh plexus polaris pool popular porch post
  potomac powell power precision premier prime primo principal progress progressive prologis protagonist
  provident public quanta quantum radian range realty recursion regions reliance renew republic
  resources restaurant rhythm riot rocket rogers rollins root roper royal rumble russell sabre safe
  salesforce samsara saturday schrodinger seaboard seattle select seng sense september service services
  sezzle shanghai shell sherwin shift sigma signal silicon silver smart snap solar south southern
  spectrum sphere spire standard star state stellar stepan stepstone stoxx strategic street stride
  summit sun sunday sunoco sure surgery taiwan talos tapestry target tarsus tenable tennant texas thor
  thursday tidewater toast tokyo toro tower trade travelers trend trex trinity triumph trump trust
  tuesday tyler uber united unity universal uranium utah value vance velocity ventas venture vera
  vermilion victory viking viper virginia visa vision voyager washington water waters weatherford
  webster wednesday wells welltower wendy werner west western whirlpool williams woodward workday
  worthington xenon xylem yellen yeti york zebra zeta
`);

/**
 * Upper-case words and acronyms that are also tickers (A, ALL, IT, ON, NOW, AI, CEO, GDP ...): as a
 * bare word or in parentheses they are not evidence of a ticker; a cashtag, an exchange prefix or the
 * company's own name right before "(IT)" is.
 */
export const COMMON_WORDS = list(`
  A AAA ABOUT ADD ADR ADS AFD AFP AFTER AGAIN AGE AGI AGM AH AI AIDS AIR AKA ALL ALSO AM AN ANC AND ANY
  AP APAC API AR ARE ARM ART AS ASAP ASEAN ASX AT ATH ATM AUD AUM BACK BAD BANK BAR BBB BBC BE BEAR BED
  BEING BELOW BEST BIG BIT BJP BMI BOC BOE BOJ BOTH BOX BRICS BRL BST BTW BULL BUY BY CAD CALL CAN CAR
  CARE CASH CAT CBOE CCC CCP CDC CDT CDU CEO CEOS CEST CET CFO CFPB CFTC CHF CIO CME CMO CMS CNBC CNH
  CNN CNY CO2 COO COST COULD COVID COW CPI CPU CSR CST CT CTO CUT DAY DD DEAL DEBT DEI DIY DJIA DNA DNC
  DO DOD DOE DOG DOJ DOWN DPP DRAM DRY DTE DXY EACH EAR EARLY EARN EAT EBIT EBITDA ECB EDIT EDT EGM EIA
  EMEA END EOD EPA EPS ER ESG EST ET ETF ETN ETP EU EUR EV EVEN EVER EVERY EVP EVS EYE FA FAA FACT FALL
  FAQ FAR FAST FAT FCC FDA FDIC FEAR FED FEEL FEW FILE FIND FINRA FIRE FIRM FIRST FIT FLAT FLOW FLU FLY
  FOMC FOMO FOOD FOR FOUND FQ FREE FT FTC FULL FUN FUND FX FY FYI G20 G7 GAAP GAIN GAS GBP GCC GDP GM
  GMT GO GOLD GOOD GOP GP GPU GREAT GROUP GROW GUN GUY H1 H2 HALF HAND HARD HAS HAT HBM HD HDMI HE HEAD
  HEAR HELP HERE HI HIGH HIT HIV HKD HKEX HODL HOLD HOME HOPE HOT HR HUGE ICE ICU IDEA IEA IF IMF IMHO
  IN INR INTO IOT IP IPO IR IRS IS ISM IT ITM ITS IV JOB JOBS JOLTS JPY JUMP JUST JV KEEP KEY KID KIND
  KMT KNOW KPI KRW LAND LARGE LAST LATAM LATE LATER LAW LAY LBO LCD LDP LEAD LED LEG LESS LET LEVEL LIE
  LIFE LIKE LINE LIST LIVE LLM LNG LOAN LOI LOL LONG LOOK LOSS LOT LOVE LOW LP LSE LTE M&A MADE MAIN
  MAJOR MAKE MAN MANY MAP MBA MBO MD ME MEET MEP MERS MIGHT MIND MISS MIX MOM MONEY MOON MORE MOST MOU
  MOVE MP MRI MRNA MTD MUCH MUST MVP MXN MY NAND NASDAQ NATO NAV NDA NDX NEAR NEED NET NEVER NEW NEWS
  NEXT NFC NFP NGO NHS NHTSA NICE NIH NO NOR NOT NOTE NOW NPC NPU NTSB NYSE NYT NZD OCC OECD OF OFTEN
  OIL OK OKR OLD OLED ON ONE ONLY OPEC OPEN OR ORDER OS OTC OTHER OTM OUR OUT OVER OWN PACE PART PAST
  PAY PBC PBOC PC PCE PDT PE PEAK PEN PER PET PHD PIE PIN PLACE PLAN PLAY PLUS PM PMI PMQ POC POINT POLL
  POOR POP POST POT POWER PPI PR PRICE PST PT PULL PUSH PUT Q Q1 Q2 Q3 Q4 QOQ RALLY RAN RAT RATE RAW RBA
  RBI READ REAL RED REIT RENT REST RFID RFP RICH RIDE RIGHT RIP RISE RISK RMB RNA RNC ROA ROAD ROE ROI
  ROIC ROLE ROW RULE RUN RUT SAAS SAD SAFE SALE SALES SARS SAT SAVE SAW SAY SDK SEA SEC SEE SEEK SEEN
  SELL SEND SET SHARE SHE SHIP SHOP SHORT SHOW SIGN SINCE SIT SIX SKU SKY SLA SLOW SMALL SNB SO SOE SOLD
  SOME SON SOON SOW SPAC SPD SPV SPX SSD STAY STEP STILL STOCK STOP SUCH SUN SURE SUV SVP TA TAKE TALK
  TAX TBA TBD TEA TECH TELL TEN TERM TEST THAN THAT THE THEIR THEM THEN THERE THESE THEY THING THINK
  THIS THOSE THREE TIE TIME TIP TO TODAY TOLD TOOK TOP TOTAL TOY TPU TRADE TRUE TRY TSX TTM TURN TV TWD
  TWO U UAE UI UK UN UNDER UNIT UNTIL UP UPI UPON US USA USB USD USDA USE UTC UX VAN VC VERY VIEW VIP
  VIX VOTE VP VR WAGE WAIT WALK WANT WAR WATCH WATER WAY WE WEEK WELL WENT WERE WET WHAT WHEN WHERE
  WHICH WHILE WHO WHOLE WHY WIDE WIFI WILL WIN WITH WON WORK WORLD WOULD WSJ WTI WTO XR YEAR YES YET
  YIELD YOLO YOU YOY YTD ZERO ZIP
`);

/** A name derived from a legal name made only of these words ("First Financial", "New Jersey") is not used. */
export const GENERIC_NAME_WORDS = list(`
  & air airlines alpha america american and atlantic auto bank banks beta bio blue brands business
  capital care central chemicals china citizens city communications community company corp credit data
  digital east eastern education energy entertainment equity estate exchange express federal financial
  first food foods gas general global gold great green group health healthcare holdings home homes
  income industries innovations insurance international investment investments investors jersey lease
  life lines market markets materials media medical minerals mining mortgage motors national net
  networks new north northern of oil one online pacific partners peoples pharma power products
  properties public real realty red research resources retail royal science sciences second service
  services silver software solutions south southern standard star state states steel store stores sun
  systems technologies technology the travel trust united us usa water west western wide world york
`);

/** Derived names that are places or sources far more often than the company ("Palo Alto", "New York Times"). */
export const UNSAFE_NAMES: ReadonlySet<string> = new Set([
  'palo alto',
  'new york times',
  'east west',
  'new jersey',
  'hong kong',
  'san francisco',
]);

/**
 * Acronyms and words that are tickers but, alone in parentheses, are far more often an acronym
 * being defined or a word ("(AI)", "(IT)", "(CEO)", "(ALL)"): they need the company's own name
 * right before them ("Gartner (IT)") or a stronger form (NYSE: IT).
 */
export const PAREN_ACRONYMS = list(`
  A ADR ADS AFP AGI AI ALL AM AN ANY AP APAC API AR ARE ASX AT ATH AUD AUM BBC BE BOC BOE BOJ BRL BST
  CAD CAN CBOE CDC CDT CEO CEST CET CFO CFPB CFTC CHF CIO CME CMO CMS CNBC CNH CNN CNY COO CPI CPU CSR
  CST CTO DD DEI DJIA DNA DOD DOE DOJ DRAM DXY EBIT ECB EDT EIA EMEA EOD EPA EPS ESG EST ET ETF ETN ETP
  EU EUR EV EVP EVS FAA FAQ FCC FDA FDIC FED FINRA FOMC FQ FT FTC FX FY GAAP GBP GDP GM GMT GO GOP GPU
  HAS HBM HE HIV HKD HKEX HR ICE ICU IEA IMF INR IOT IP IPO IR IRS ISM IT JPY JV KPI KRW LED LLM LNG LSE
  M&A MBA MD MOM MOU MP MRI MTD MVP MXN NAND NATO NAV NDA NDX NEW NFP NGO NHTSA NIH NOW NPU NTSB NYSE
  NYT NZD OCC OECD OK ON ONE OPEC OR OS OTC PBOC PC PCE PDT PHD PM PMI PPI PR PST PT Q QOQ RBA RBI REIT
  RMB RNA ROA ROE ROI ROIC RUT SDK SEC SKU SNB SO SPAC SPX SSD SUV SVP TBA TBD TPU TSX TTM TV TWD UAE UI
  UK UN UPI US USA USD USDA UTC UX VERY VIX VP VR WHO WSJ WTI WTO XR YOY YTD
`);
