/**
 * Demo news stories released on a timer in demo mode to show what Tickerwire does.
 *
 * These are illustrative wire-style stories written for the demo. Companies and tickers are real, but the
 * events, figures and timing are for demonstration only and are not reporting. Story 0 is the Alibaba story
 * the demo opens with; keep it first.
 */

/** A demo story and how the mock market should react to it. */
export interface DemoStory {
  /** Stable kebab-case key, unique, e.g. 'baba-ai-capex'. */
  key: string;
  headline: string;
  /** 1-3 sentences, the lead paragraph as a wire would write it. */
  summary: string;
  /** 2-4 short paragraphs separated by blank lines ("\n\n"). */
  body: string;
  /** Kind of source, honest and realistic: 'Company release', 'SEC filing', 'Analyst note', 'Markets desk', 'Conference call', 'Regulatory notice', 'Economic data'. Never name a real news outlet (no Reuters, Bloomberg, CNBC...). */
  source: string;
  /** Tickers as a provider would tag them, canonical US symbols, primary company first (share classes with a dot: BRK.B). */
  tickers: string[];
  /** How the story should move each ticker's price over the following minutes, in percent (e.g. 6.5 = +6.5%, -3 = -3%). Primary ticker moves of 1-8% for big news, 0.2-1% for minor; mentioned tickers smaller. Include every ticker in `tickers`. */
  moves: Record<string, number>;
}

export const DEMO_STORIES: DemoStory[] = [
  {
    key: 'baba-ai-capex',
    headline: 'Alibaba lifts AI spending past its $53 billion plan, unveils Qwen3-Max',
    summary:
      "Alibaba Group will spend more than the RMB 380 billion (about $53 billion) it set aside for AI infrastructure over three years, CEO Eddie Wu told the company's Apsara cloud conference in Hangzhou, as it launched its largest language model yet, Qwen3-Max.",
    body: [
      "Alibaba Group Holding (NYSE: BABA) said it will go beyond the three-year, RMB 380 billion budget for AI and cloud infrastructure it laid out earlier this year. Eddie Wu told the Apsara conference in Hangzhou that demand for AI computing is running ahead of the company's own forecasts, and that Alibaba Cloud will add data center regions, including several outside China.",
      'The company also released Qwen3-Max, the flagship of its Qwen family, which it said has more than one trillion parameters and matches leading closed models on coding and agent tasks. Alibaba has published many Qwen models with open weights, putting it in direct competition with Meta and its Llama models in the open-model race.',
      "Separately, Alibaba Cloud said it has formed a partnership with Nvidia to bring Nvidia's physical-AI software tools, used for robotics simulation and synthetic training data, to its machine-learning platform.",
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['BABA', 'NVDA', 'META'],
    moves: { BABA: 7, NVDA: 0.8, META: 0.3 },
  },
  {
    key: 'aapl-iphone-services-beat',
    headline: 'Apple beats on iPhone and services, guides holiday-quarter growth above forecasts',
    summary:
      'Apple (AAPL) reported fiscal fourth-quarter revenue of $98.4 billion, up 6% from a year earlier and ahead of analyst estimates, and forecast December-quarter growth of 10% to 12%.',
    body: [
      "Apple Inc. (AAPL) said iPhone revenue rose 5% to $49.6 billion, helped by demand for its newest lineup, while services, which include the App Store, iCloud and payments, grew 14% to a record $27.9 billion. Gross margin was 47.2%, at the top of the company's range.",
      'The December-quarter outlook compares with growth of about 7% that analysts had modeled. Apple expects gross margin of 47% to 48%. Greater China sales fell 2%, a smaller decline than in recent quarters.',
      'The board declared a quarterly dividend of $0.26 a share.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['AAPL'],
    moves: { AAPL: 3.4 },
  },
  {
    key: 'nvda-datacenter-beat',
    headline: 'Nvidia data center sales jump 66%, outlook tops estimates',
    summary:
      'Nvidia ($NVDA) posted quarterly revenue of $57.0 billion, up 62% from a year earlier, and guided the current quarter to about $65 billion, above the $61.7 billion analysts expected.',
    body: [
      'Nvidia Corp. ($NVDA) said data center revenue rose 66% to $51.2 billion in its fiscal third quarter, driven by shipments of Blackwell systems to cloud providers and AI labs. Gross margin was 73.6%, and the company guided to about 75% for the coming quarter.',
      'Management said on the conference call that advanced packaging capacity at Taiwan Semiconductor Manufacturing ($TSM) remains the main constraint on supply, and that it has secured additional capacity for next year.',
      'The outlook was read as a sign that AI data center spending is still accelerating, with implications for suppliers and rivals including $TSM, $AMD and Broadcom ($AVGO).',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['NVDA', 'TSM', 'AMD', 'AVGO'],
    moves: { NVDA: 4.6, TSM: 1.2, AMD: 0.9, AVGO: 0.8 },
  },
  {
    key: 'amd-oracle-mi450-deal',
    headline: 'AMD to supply 50,000 MI450 chips for Oracle cloud AI clusters',
    summary:
      "Advanced Micro Devices (NASDAQ: AMD) said Oracle (NYSE: ORCL) will deploy 50,000 of its next-generation Instinct MI450 accelerators in Oracle Cloud Infrastructure starting in the second half of next year, one of the largest public commitments to AMD's AI chips so far.",
    body: [
      "The clusters will use AMD's Helios rack design, which pairs MI450 GPUs with EPYC server processors and Pensando networking. The companies did not disclose financial terms; analysts estimated the order could be worth more than $3 billion in hardware revenue.",
      'Oracle said the capacity will be offered to customers training and serving large models, adding to its existing clusters built on Nvidia hardware. AMD has said it expects annual data center AI revenue in the tens of billions of dollars by 2027.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['AMD', 'ORCL'],
    moves: { AMD: 5.2, ORCL: 1.3 },
  },
  {
    key: 'intc-14a-delay-weak-outlook',
    headline: 'Intel trims revenue outlook, ties 14A factory build-out to outside customers',
    summary:
      'Intel (NASDAQ: INTC) forecast current-quarter revenue of $12.8 billion to $13.8 billion, below the $14.2 billion analysts expected, and said it would slow the ramp of its 14A manufacturing process unless it wins a major external customer.',
    body: [
      'Intel said gross margin would fall to about 34% this quarter as it absorbs start-up costs for its 18A process in Arizona. Client computing revenue fell 4% from a year earlier, while data center and AI revenue was flat at $4.1 billion.',
      'Executives repeated on the call that full-scale 14A investment depends on committed outside demand, a stance analysts said leaves Taiwan Semiconductor Manufacturing (NYSE: TSM) further ahead at the leading edge.',
      'Intel said it remains on track to cut operating expenses to about $17 billion this year.',
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['INTC', 'TSM'],
    moves: { INTC: -5.8, TSM: 0.5 },
  },
  {
    key: 'tsm-monthly-sales-jump',
    headline: 'TSMC monthly revenue climbs 34% as AI chip orders stay strong',
    summary:
      'Taiwan Semiconductor Manufacturing Co. (TSM) said revenue for the month rose 34% from a year earlier to NT$331 billion, taking the quarter above the top of its guidance range.',
    body: [
      "The world's largest contract chipmaker, which builds processors for Nvidia and Apple, said sales were up 7% from the previous month. Demand for 3-nanometer wafers and the CoWoS packaging used in AI accelerators remains well ahead of supply, analysts said.",
      "Together with the two earlier months, quarterly sales reached NT$1.03 trillion, or about $33.7 billion at the company's assumed exchange rate of 30.6 Taiwan dollars per US dollar, compared with guidance of $31.8 billion to $33.0 billion.",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['TSM', 'NVDA', 'AAPL'],
    moves: { TSM: 2.3, NVDA: 0.4, AAPL: 0.2 },
  },
  {
    key: 'jd-food-delivery-losses',
    headline: 'JD.com profit falls 55% as food delivery push deepens losses',
    summary:
      "JD.com (NASDAQ: JD) said net income attributable to shareholders fell 55% to RMB 5.8 billion in the quarter, as spending on its food delivery business and subsidies in China's instant-commerce price war outweighed 14% revenue growth.",
    body: [
      'Revenue rose to RMB 299.1 billion, about $41.8 billion, helped by government trade-in subsidies for appliances and electronics. The new businesses segment, which includes food delivery, posted an operating loss of RMB 15.7 billion, compared with RMB 0.7 billion a year earlier.',
      "Management said JD will keep investing in delivery, where it competes with Meituan and Alibaba's Taobao Instant Commerce, but expects the loss per order to narrow. Analysts said the subsidy battle is likely to weigh on margins across Chinese e-commerce, including Alibaba (BABA) and PDD Holdings (PDD).",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['JD', 'BABA', 'PDD'],
    moves: { JD: -4.3, BABA: -0.7, PDD: -0.5 },
  },
  {
    key: 'pdd-revenue-miss-temu',
    headline: 'PDD Holdings misses revenue forecasts as US tariff changes squeeze Temu',
    summary:
      'PDD Holdings (NASDAQ: PDD), owner of Temu and Pinduoduo, reported quarterly revenue of RMB 103.9 billion, up 7% but short of the RMB 108 billion analysts expected, and said US tariff changes have hurt its cross-border business.',
    body: [
      'Online marketing revenue rose 8% and transaction services, which include Temu, grew 6%, the slowest pace since the platform launched. Operating profit fell 18% to RMB 22.4 billion as the company stepped up support for merchants on its domestic platform.',
      'Executives said the end of the US duty exemption for low-value parcels pushed Temu toward a local-warehouse model in the United States, raising costs. They repeated that PDD does not plan dividends or buybacks and will keep prioritizing long-term investment.',
      'Analysts said the results reinforced concerns about cautious Chinese consumers, a theme that also hangs over Alibaba and JD.com.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['PDD', 'BABA', 'JD'],
    moves: { PDD: -6.9, BABA: -0.6, JD: -0.4 },
  },
  {
    key: 'nio-record-deliveries',
    headline: 'Nio deliveries hit record 40,397 as lower-priced Onvo brand ramps',
    summary:
      'Nio (NYSE: NIO) delivered a record 40,397 vehicles in the month, up 91% from a year earlier, as its lower-priced Onvo brand and Firefly compact car added volume.',
    body: [
      'The Shanghai-based electric vehicle maker said Nio-brand deliveries were 20,100, with Onvo contributing 14,900 and Firefly 5,397. It reaffirmed its target of reaching quarterly break-even in the fourth quarter.',
      "China's EV market remains crowded, with BYD, Tesla (TSLA) and a wave of local start-ups cutting prices. Nio said it expects to deliver 120,000 to 125,000 vehicles in the current quarter.",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['NIO', 'TSLA'],
    moves: { NIO: 5.4, TSLA: -0.3 },
  },
  {
    key: 'bidu-apollo-go-europe',
    headline: 'Baidu to bring Apollo Go robotaxis to Europe through Lyft',
    summary:
      "Baidu (BIDU) said it will deploy Apollo Go driverless vehicles in Germany and the UK next year through Lyft's ride-hailing app, subject to regulatory approval, its biggest push yet outside China.",
    body: [
      'Baidu said Apollo Go has completed more than 14 million fully driverless rides and operates in 16 cities, including Dubai and Abu Dhabi. It expects its fleet outside China to grow to thousands of vehicles over the next several years.',
      'Lyft (NASDAQ: LYFT) said the partnership fits its plan to offer autonomous rides alongside human drivers in Europe following its purchase of the taxi app FreeNow. Neither company disclosed financial terms.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['BIDU', 'LYFT'],
    moves: { BIDU: 3.1, LYFT: 1.7 },
  },
  {
    key: 'us-cpi-cooler-than-expected',
    headline: 'US consumer prices rise less than expected; core inflation slows to 2.8%',
    summary:
      "The US consumer price index rose 0.2% last month and 2.9% from a year earlier, the Labor Department said, below economists' forecasts of 0.3% and 3.0%. Core CPI, which excludes food and energy, rose 0.2% on the month and 2.8% on the year.",
    body: [
      'Shelter costs, the largest part of the core index, rose 0.2%, the smallest monthly gain in more than four years, while airline fares and used-car prices fell. Energy prices rose 0.7% on higher gasoline costs.',
      'Traders added to bets on a Federal Reserve rate cut at the next meeting: fed funds futures priced roughly an 85% chance of a quarter-point cut, up from about 70% before the report. The 10-year Treasury yield fell 7 basis points to 4.06%.',
      'The SPDR S&P 500 ETF ($SPY) and large lenders such as JPMorgan Chase (JPM) and Bank of America (BAC) were in focus as investors weighed the odds of a soft landing.',
    ].join('\n\n'),
    source: 'Economic data',
    tickers: ['SPY', 'JPM', 'BAC'],
    moves: { SPY: 0.9, JPM: 0.6, BAC: 0.8 },
  },
  {
    key: 'fed-holds-fewer-cuts',
    headline: 'Fed holds rates steady, projections point to just one cut this year',
    summary:
      "The Federal Reserve left its benchmark rate in a 4.25%-4.50% range for a fourth straight meeting, and policymakers' median projection now shows only one quarter-point cut this year, down from two previously.",
    body: [
      'Ten of 19 officials penciled in one cut or none for the year, according to the updated dot plot. The committee raised its median forecast for core PCE inflation to 3.1% and lowered its growth projection to 1.4%.',
      'At the press conference, the Fed chair said tariffs were likely to push goods prices higher in coming months and that the committee can afford to wait for more data. Two-year Treasury yields rose 6 basis points to 3.98%.',
      'Rate-sensitive financials including Goldman Sachs (NYSE: GS) and Wells Fargo (NYSE: WFC), along with the broad market tracked by SPY, were watched for the reaction.',
    ].join('\n\n'),
    source: 'Markets desk',
    tickers: ['SPY', 'GS', 'WFC'],
    moves: { SPY: -0.5, GS: -0.4, WFC: -0.3 },
  },
  {
    key: 'jpm-record-trading-nii-raise',
    headline: 'JPMorgan Chase beats on record trading, raises net interest income forecast',
    summary:
      'JPMorgan Chase (NYSE: JPM) reported quarterly profit of $14.4 billion, or $5.07 a share, above the $4.85 analysts expected, as markets revenue hit a record $8.9 billion. The bank raised its full-year net interest income outlook to about $95.8 billion.',
    body: [
      'Revenue rose 9% to $47.1 billion. Fixed income trading revenue increased 21% and equities trading rose 33%, while investment banking fees climbed 16% on a pickup in mergers and debt issuance.',
      'The bank set aside $3.4 billion for credit losses, including a $0.8 billion net reserve build largely tied to card lending, and said consumers remain resilient. Its CET1 capital ratio was 15.1%.',
      'The results set the tone for other large lenders including Bank of America and Wells Fargo, which report later in the week.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['JPM', 'BAC', 'WFC'],
    moves: { JPM: 2.6, BAC: 0.7, WFC: 0.5 },
  },
  {
    key: 'gs-advisory-fees-surge',
    headline: 'Goldman Sachs investment banking fees jump 42% as big M&A returns',
    summary:
      'Goldman Sachs (GS) reported quarterly earnings of $12.25 a share on net revenue of $15.2 billion, both above estimates, as advisory fees surged on a rebound in large mergers.',
    body: [
      'Investment banking fees rose 42% to $2.66 billion, with advisory revenue up 60%. Global banking and markets revenue reached $10.1 billion, asset and wealth management brought in $4.4 billion and platform solutions $0.7 billion.',
      'The bank said its backlog of announced deals ended the quarter at the highest level in more than three years. Rival Morgan Stanley (NYSE: MS) reports later this week.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['GS', 'MS'],
    moves: { GS: 3.2, MS: 1 },
  },
  {
    key: 'xom-profit-falls-refining',
    headline: 'Exxon Mobil profit falls 12% on weaker refining margins and lower crude',
    summary:
      'Exxon Mobil (NYSE: XOM) reported quarterly earnings of $7.1 billion, or $1.64 a share, down 12% from a year earlier and below the $1.72 analysts expected, as lower oil prices and thinner refining margins offset record output from Guyana and the Permian Basin.',
    body: [
      'Upstream earnings fell to $5.4 billion as the average realized crude price dropped about $11 a barrel from a year earlier. Production rose to 4.6 million barrels of oil equivalent per day.',
      'The company kept its plan to buy back $20 billion of stock this year and said structural cost savings have reached $13.5 billion since 2019. Peer Chevron (CVX) is due to report later in the week.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['XOM', 'CVX'],
    moves: { XOM: -2.1, CVX: -0.6 },
  },
  {
    key: 'opec-cut-oil-jumps',
    headline: 'Oil jumps 4% after OPEC+ agrees surprise output cut',
    summary:
      'Brent crude rose 4.1% to $71.80 a barrel and US crude gained 4.3% after OPEC+ agreed to reduce production by 500,000 barrels a day from next month, reversing part of the increases it made earlier this year.',
    body: [
      'The group called the reduction a precautionary step to support market stability, citing rising inventories and softer demand growth in China. Saudi Arabia will carry the largest share of the cut.',
      'Producers including Exxon Mobil and Chevron stand to benefit from higher prices, while airlines, for which fuel is one of the largest costs, are among the most exposed. Delta Air Lines ($DAL) and United Airlines ($UAL) each spend more than $10 billion a year on jet fuel.',
    ].join('\n\n'),
    source: 'Markets desk',
    tickers: ['XOM', 'CVX', 'DAL', 'UAL'],
    moves: { XOM: 1.7, CVX: 1.5, DAL: -1.4, UAL: -1.6 },
  },
  {
    key: 'lly-orforglipron-phase3',
    headline: 'Eli Lilly obesity pill orforglipron meets goals in late-stage trial',
    summary:
      'Eli Lilly (NYSE: LLY) said its once-daily oral GLP-1 drug orforglipron helped people with obesity lose an average of 12.4% of their body weight over 72 weeks in a Phase 3 trial, keeping it on track for regulatory submissions by year-end.',
    body: [
      'The most common side effects were gastrointestinal and mostly mild to moderate; about 10% of patients on the highest dose stopped treatment because of them. Unlike some oral treatments, orforglipron can be taken without restrictions on food or water.',
      'Lilly said it has already built supply of the pill ahead of a launch. Analysts said the data add pressure on Novo Nordisk (NVO), whose oral semaglutide must be taken on an empty stomach.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['LLY', 'NVO'],
    moves: { LLY: 4.2, NVO: -2.9 },
  },
  {
    key: 'nvo-cuts-growth-outlook',
    headline: 'Novo Nordisk cuts sales growth forecast as Wegovy faces compounded copies',
    summary:
      'Novo Nordisk (NYSE: NVO) lowered its full-year sales growth forecast to 8%-14% at constant exchange rates from 13%-21%, citing weaker-than-expected US demand for Wegovy and continued use of compounded versions of semaglutide.',
    body: [
      'The Danish drugmaker also cut its operating profit growth outlook to 10%-16% from 16%-24%, reflecting slower uptake in the United States and tougher competition in international markets.',
      'Novo said it will reduce costs and reorganize its US commercial operations. US rival Eli Lilly (LLY), whose Zepbound and Mounjaro have been gaining share, was seen as the main beneficiary.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['NVO', 'LLY'],
    moves: { NVO: -7.6, LLY: 1.4 },
  },
  {
    key: 'mrna-fda-approves-next-gen-covid-shot',
    headline: "FDA approves Moderna's next-generation COVID-19 vaccine for higher-risk groups",
    summary:
      "The US Food and Drug Administration approved Moderna's (NASDAQ: MRNA) mNEXSPIKE, a lower-dose COVID-19 vaccine that can be kept in standard refrigerators, for adults 65 and older and for people aged 12 to 64 with at least one risk factor.",
    body: [
      'Moderna said the shot, which uses a fifth of the dose of its original vaccine, produced a stronger immune response than Spikevax in a Phase 3 study of about 11,400 people. It expects the vaccine to be available for the coming respiratory season.',
      'The label is narrower than Moderna had sought, reflecting a tighter FDA framework for COVID-19 boosters. Pfizer (PFE), which sells the rival Comirnaty vaccine with BioNTech, faces the same restrictions.',
    ].join('\n\n'),
    source: 'Regulatory notice',
    tickers: ['MRNA', 'PFE'],
    moves: { MRNA: 3.8, PFE: -0.3 },
  },
  {
    key: 'pfe-trims-guidance-paxlovid',
    headline: 'Pfizer trims revenue outlook on weaker Paxlovid sales, expands cost cuts',
    summary:
      'Pfizer (NYSE: PFE) narrowed its full-year revenue forecast to $61 billion to $63 billion from $61 billion to $64 billion, citing lower demand for its COVID-19 antiviral Paxlovid, and said it would find another $1.2 billion in savings by 2027.',
    body: [
      'Quarterly revenue fell 4% to $14.2 billion, with Paxlovid sales down 38% from a year earlier. Adjusted earnings of $0.72 a share beat the $0.66 analysts expected, helped by lower operating costs.',
      'The company kept its adjusted earnings outlook of $2.90 to $3.10 a share and pointed to several late-stage oncology readouts over the next 12 months. Demand for COVID-19 vaccines remained soft, a trend that also weighs on Moderna (MRNA).',
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['PFE', 'MRNA'],
    moves: { PFE: -2.4, MRNA: -0.6 },
  },
  {
    key: 'wmt-raises-outlook-ecommerce',
    headline: 'Walmart raises full-year forecast as e-commerce sales grow 22%',
    summary:
      'Walmart (WMT) raised its full-year sales growth forecast to 4.8%-5.1% and lifted its earnings outlook after US comparable sales rose 4.5% and global e-commerce sales grew 22% in the quarter.',
    body: [
      'Transactions in US stores and online increased 3.1%, and the retailer said households earning more than $100,000 a year accounted for much of its market share gains. Its advertising business grew 46%, including Vizio.',
      'Walmart now expects full-year adjusted earnings of $2.58 to $2.63 a share. Executives said tariff-driven price increases have been smaller than feared and that the company is holding grocery prices down while passing on some higher costs in general merchandise.',
      'The results set a high bar for rivals Target (NYSE: TGT) and Costco (COST).',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['WMT', 'TGT', 'COST'],
    moves: { WMT: 3.3, TGT: -0.9, COST: 0.3 },
  },
  {
    key: 'tgt-comps-fall-cuts-forecast',
    headline: 'Target comparable sales fall 3.2%, retailer cuts annual profit forecast',
    summary:
      'Target (NYSE: TGT) said comparable sales fell 3.2% in the quarter as shoppers pulled back on discretionary items, and cut its full-year adjusted earnings forecast to $7.00 to $8.00 a share from $8.80 to $9.80.',
    body: [
      'Store comparable sales dropped 4.1%, partly offset by a 1.3% rise in digital sales. Operating margin narrowed to 5.2% from 6.4% a year earlier, reflecting heavier markdowns and tariff-related costs.',
      "The company now expects a low-single-digit decline in sales for the year. Investors have compared Target's performance unfavorably with Walmart (WMT), which has gained share among higher-income shoppers.",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['TGT', 'WMT'],
    moves: { TGT: -6.2, WMT: 0.4 },
  },
  {
    key: 'cost-monthly-comps',
    headline: 'Costco monthly comparable sales rise 6.4%, digital up 14%',
    summary:
      'Costco (COST) said comparable sales rose 6.4% in its latest four-week retail period, or 5.7% excluding the effects of gasoline prices and foreign exchange, in line with analyst estimates.',
    body: [
      'Net sales for the period rose 8.0% to $21.6 billion. US comparable sales increased 6.1%, Canada 7.0% and other international markets 6.6%, while digitally enabled sales grew 14.2%.',
      "Costco Wholesale (NASDAQ: COST) opens about 25 to 30 new warehouses a year and said member traffic remained healthy. Analysts said the report gave little reason to change expectations ahead of the company's quarterly earnings.",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['COST'],
    moves: { COST: 0.6 },
  },
  {
    key: 'f-recall-charge-outlook-cut',
    headline: 'Ford takes $570 million recall charge, lowers profit outlook',
    summary:
      'Ford Motor (NYSE:F) said in a regulatory filing it will record a $570 million charge tied to a recall of about 1.1 million vehicles for a rearview camera software fault, and lowered its full-year adjusted operating profit forecast to $6.5 billion to $7.5 billion.',
    body: [
      'The recall, filed with the National Highway Traffic Safety Administration, covers several model years of the F-150, Ranger and Expedition; dealers will update the software free of charge. Ford had previously guided to adjusted operating profit of $7 billion to $8.5 billion.',
      'Ford has issued more US recalls than any other automaker this year, and executives have said improving quality and reducing warranty costs is their top priority. Warranty spending has become a wider focus for investors in Detroit automakers, including General Motors (NYSE: GM).',
    ].join('\n\n'),
    source: 'SEC filing',
    tickers: ['F', 'GM'],
    moves: { F: -2.6, GM: -0.3 },
  },
  {
    key: 'gm-raises-guidance-buyback',
    headline: 'GM raises profit forecast, authorizes $6 billion buyback as tariff hit shrinks',
    summary:
      'General Motors (NYSE:GM) raised its full-year adjusted operating profit forecast to $12 billion to $13 billion from $10 billion to $12.5 billion, and now expects tariffs to cost $3.5 billion to $4.5 billion this year, down from as much as $5 billion.',
    body: [
      "Quarterly revenue was $48.6 billion and adjusted earnings were $2.80 a share, well above estimates, helped by strong pricing on full-size pickups and SUVs. The company's board also authorized a new $6 billion share repurchase program.",
      'GM said it would take a charge related to scaling back electric vehicle production as US demand slows after federal tax credits ended. The upbeat read on US truck demand was also seen as supportive for Ford (F).',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['GM', 'F'],
    moves: { GM: 4.4, F: 1 },
  },
  {
    key: 'tsla-deliveries-miss',
    headline: 'Tesla quarterly deliveries fall 9%, missing estimates',
    summary:
      '$TSLA: Tesla delivered 351,000 vehicles in the quarter, down 9% from a year earlier and below the roughly 372,000 analysts had expected, as demand softened in Europe and China amid stiffer competition.',
    body: [
      'Tesla (NASDAQ: TSLA) said it produced 365,000 vehicles, adding to inventory for a second straight quarter. Deliveries of the Model 3 and Model Y totaled 338,000, while other models, including the Cybertruck, accounted for 13,000.',
      'Energy storage deployments reached a record 11.2 gigawatt-hours. The company will report full financial results later this month; investors are focused on its robotaxi service and plans for lower-cost models.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['TSLA'],
    moves: { TSLA: -4.7 },
  },
  {
    key: 'dal-raises-guidance-premium',
    headline: 'Delta raises outlook as premium and corporate travel demand strengthens',
    summary:
      "Delta Air Lines (NYSE: DAL) raised its current-quarter earnings forecast to $1.60 to $1.90 a share, above analysts' $1.52, citing stronger bookings for premium cabins and a rebound in corporate travel.",
    body: [
      'Delta said premium revenue rose 9% in the latest quarter while main cabin revenue was flat, and that remuneration from its American Express co-brand cards grew 10%. It expects total unit revenue to turn positive in the current quarter.',
      'The airline reaffirmed full-year free cash flow of $3 billion to $4 billion. United Airlines Holdings (NASDAQ: UAL), which has a similar tilt toward premium and long-haul international flying, is seen as a beneficiary of the same trend.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['DAL', 'UAL'],
    moves: { DAL: 5.1, UAL: 2.9 },
  },
  {
    key: 'ba-faa-737-rate-increase',
    headline: 'FAA clears Boeing to raise 737 MAX production to 42 jets a month',
    summary:
      "The Federal Aviation Administration said it will allow Boeing (NYSE: BA) to increase 737 MAX output to 42 aircraft a month from the cap of 38 imposed after a door-plug blowout in January 2024, citing progress on the company's safety and quality plan.",
    body: [
      "The FAA said it will keep inspectors at Boeing's Renton, Washington, factory and that any further increase would require a separate review. Boeing has said it eventually aims to build 47 of the jets a month.",
      "Higher deliveries are central to Boeing's plan to return to positive free cash flow. The company holds a backlog of more than 5,900 commercial airplanes, most of them 737s.",
    ].join('\n\n'),
    source: 'Regulatory notice',
    tickers: ['BA'],
    moves: { BA: 2.7 },
  },
  {
    key: 'cat-tariff-cost-warning',
    headline: 'Caterpillar warns tariffs will cost up to $1.8 billion this year as profit falls',
    summary:
      'Caterpillar (NYSE: CAT) said it expects tariffs to cost $1.5 billion to $1.8 billion this year, more than it previously estimated, after quarterly adjusted profit fell 16% to $4.72 a share.',
    body: [
      'Revenue slipped 1% to $16.6 billion as lower machine prices offset slightly higher volumes. Sales of power generation equipment for data centers rose sharply, and the energy and transportation segment posted record revenue.',
      'The company kept its forecast for full-year sales to be flat to slightly higher and said it would take targeted pricing actions. Adjusted operating margin is now expected near the bottom of its target range.',
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['CAT'],
    moves: { CAT: -2 },
  },
  {
    key: 'pep-cuts-outlook-snack-volumes',
    headline: 'PepsiCo cuts profit outlook as North American snack volumes slide',
    summary:
      'PepsiCo (NASDAQ: PEP) lowered its full-year core earnings per share forecast to roughly flat at constant currency from mid-single-digit growth, citing weaker demand for Frito-Lay snacks in North America and higher costs from tariffs.',
    body: [
      'Organic revenue rose 1.2% in the quarter, helped by price increases, while North American snack volumes fell 2% and beverage volumes were unchanged. The company said it will step up cost cuts and lower prices on some pack sizes to win back value-conscious shoppers.',
      'Rival Coca-Cola (NYSE: KO), which sells mostly beverages and has delivered steadier volumes, reported 5% organic revenue growth a day earlier.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['PEP', 'KO'],
    moves: { PEP: -3.1, KO: 0.4 },
  },
  {
    key: 'brkb-record-cash-apple-trim',
    headline: 'Berkshire Hathaway cash pile hits record $344 billion; filing shows further Apple trim',
    summary:
      'Berkshire Hathaway (BRK.B) said cash and short-term Treasury holdings rose to a record $344 billion at quarter-end, as it was a net seller of stocks for a twelfth straight quarter and bought back none of its own shares.',
    body: [
      'Operating earnings rose 8% to $11.9 billion, helped by higher underwriting profit at its insurance businesses, including Geico, and better results at BNSF railway. Berkshire repeated its caution that quarterly swings in its stock portfolio say little about its performance.',
      'A separate filing of its US stock holdings showed Berkshire Hathaway (NYSE: BRK.B) sold about 20 million shares of Apple (NASDAQ: AAPL) in the quarter, though the iPhone maker remains its largest equity investment.',
    ].join('\n\n'),
    source: 'SEC filing',
    tickers: ['BRK.B', 'AAPL'],
    moves: { 'BRK.B': -0.6, AAPL: -0.3 },
  },
  {
    key: 'msft-azure-growth-39pct',
    headline: 'Microsoft Azure growth accelerates to 39%, spending to top $30 billion this quarter',
    summary:
      'Microsoft (MSFT) reported quarterly revenue of $76.4 billion, up 18%, and said Azure and other cloud services revenue grew 39%, beating the 34% to 35% it had guided, as AI workloads ramped.',
    body: [
      'Earnings were $3.65 a share, compared with estimates of $3.37. Capital expenditures including finance leases were $24.2 billion, and the company said spending would rise to more than $30 billion in the current quarter as it adds data center capacity.',
      "Microsoft's commercial remaining performance obligation rose 37% to $368 billion, a backlog investors watch as a leading indicator of cloud demand. The results also offer read-through for cloud rivals Amazon (AMZN) and Alphabet (GOOGL), which report the same week.",
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['MSFT', 'AMZN', 'GOOGL'],
    moves: { MSFT: 4.2, AMZN: 0.6, GOOGL: 0.4 },
  },
  {
    key: 'googl-search-remedies-ruling',
    headline: 'Alphabet avoids Chrome breakup in search antitrust ruling',
    summary:
      "A US federal judge ruled that Alphabet's Google does not have to sell its Chrome browser or Android to remedy its illegal monopoly in online search, and may keep paying partners such as Apple for default placement, though not under exclusive terms.",
    body: [
      'The court ordered Google to share some search index and user-interaction data with qualified competitors and barred exclusive distribution contracts for Search, Chrome, Google Assistant and its Gemini app. The Justice Department had sought a forced sale of Chrome.',
      'The decision removes a major overhang for Alphabet (NASDAQ: GOOGL) and for Apple (NASDAQ: AAPL), which receives an estimated $20 billion a year from Google for default placement in Safari. Google said it has concerns about the data-sharing requirements and is reviewing the ruling.',
    ].join('\n\n'),
    source: 'Markets desk',
    tickers: ['GOOGL', 'AAPL'],
    moves: { GOOGL: 6.1, AAPL: 2.3 },
  },
  {
    key: 'meta-capex-raise-cost-warning',
    headline: 'Meta lifts capex forecast to as much as $72 billion, warns costs will climb faster next year',
    summary:
      'Meta Platforms (NASDAQ: META) narrowed its full-year capital expenditure range to $70 billion to $72 billion and said expense growth will be significantly faster next year as it builds AI computing capacity, overshadowing a 26% rise in quarterly revenue to $51.2 billion.',
    body: [
      "Ad impressions grew 14% and the average price per ad rose 10%, and operating margin was 40%. Meta said spending on its superintelligence lab, including pay for AI researchers, will be a significant driver of next year's cost growth.",
      'Investors have been questioning how quickly the AI investments will pay off. Much of the spending flows to suppliers of accelerators and networking gear, including Nvidia ($NVDA).',
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['META', 'NVDA'],
    moves: { META: -4.5, NVDA: 0.5 },
  },
  {
    key: 'avgo-custom-ai-order',
    headline: 'Broadcom lands $10 billion custom AI chip order from new customer',
    summary:
      'Broadcom (NASDAQ: AVGO) said it has secured more than $10 billion of orders for custom AI accelerators and networking racks from a fourth major customer, and forecast current-quarter revenue of about $17.4 billion, above estimates.',
    body: [
      'AI semiconductor revenue rose 63% to $5.2 billion in the fiscal third quarter, and the company expects it to reach $6.2 billion this quarter. Total revenue grew 22% to $15.95 billion.',
      'Broadcom said the new orders will ship starting next fiscal year and that its outlook for AI revenue growth next year has improved materially. Its custom chips, known as XPUs, compete for data center budgets with merchant GPUs from Nvidia (NVDA) and Advanced Micro Devices (AMD).',
    ].join('\n\n'),
    source: 'Conference call',
    tickers: ['AVGO', 'NVDA', 'AMD'],
    moves: { AVGO: 7.2, NVDA: -0.6, AMD: -0.5 },
  },
  {
    key: 'nflx-brazil-tax-margin-miss',
    headline: 'Netflix misses margin target on Brazil tax charge; revenue in line',
    summary:
      'Netflix (NASDAQ: NFLX) posted quarterly revenue of $11.5 billion, up 17% and in line with its forecast, but operating margin of 28% fell short of its 31.5% target after a roughly $619 million expense tied to a tax dispute in Brazil.',
    body: [
      'Earnings were $5.87 a share, versus estimates near $6.97. The company said it does not expect the Brazilian tax matter to materially affect future results and that, excluding the charge, it would have beaten its margin guidance.',
      'Netflix said advertising revenue is on track to more than double this year. It kept its full-year revenue forecast of $45.1 billion.',
    ].join('\n\n'),
    source: 'Company release',
    tickers: ['NFLX'],
    moves: { NFLX: -5.4 },
  },
];
