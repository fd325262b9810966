package corpus

// Word lists for the generator. All phrases are invented for this corpus; they
// only need to look like policy-briefing prose, not to make sense.

// jurisdictions lists names a briefing can be about, with the parent a
// briefing often names alongside (empty when none).
var jurisdictions = []struct{ name, parent string }{
	{"Beijing", "China"},
	{"Shanghai", "China"},
	{"Shenzhen", "China"},
	{"Hangzhou", "China"},
	{"Guangzhou", "China"},
	{"Hainan", "China"},
	{"Chongqing", "China"},
	{"China", ""},
	{"Hong Kong", ""},
	{"Macau", ""},
	{"Singapore", ""},
	{"Taiwan", ""},
	{"Japan", ""},
	{"South Korea", ""},
	{"United Arab Emirates", ""},
	{"United Kingdom", ""},
}

// englishTags and chineseTags together make the tag vocabulary (about 60);
// no two differ only by case, so every tag has its own slug.
var englishTags = []string{
	"Web3", "funding", "stablecoins", "DeFi", "NFT", "CBDC", "e-CNY", "licensing",
	"AML", "KYC", "SFC", "HKMA", "PBoC", "CSRC", "mining", "taxation", "sandbox",
	"tokenisation", "RWA", "custody", "exchanges", "ETF", "enforcement", "metaverse",
	"blockchain", "payments", "cross-border", "data-privacy", "fintech", "consultation",
	"retail-investors", "VATP", "OTC", "derivatives", "insurance", "banking",
	"smart-contracts", "digital-identity", "green-finance", "talent", "startups",
	"venture-capital", "GBA", "capital-controls", "fraud", "scams", "disclosure",
	"audit", "market-conduct", "infrastructure",
}

var chineseTags = []string{
	"监管", "稳定币", "数字人民币", "虚拟资产", "区块链", "元宇宙", "反洗钱", "牌照",
	"沙盒", "金融科技", "跨境支付", "代币化",
}

var currencies = []struct {
	code    string
	usdRate float64 // rough US dollars per unit, for the stated "usd" figure
}{
	{"CNY", 0.14},
	{"HKD", 0.128},
	{"USD", 1},
}

var fundingPurposes = []string{
	"Annual Web3 fund", "Blockchain incubator", "Stablecoin pilot reserve",
	"Tokenisation sandbox grants", "Digital asset talent scheme", "Metaverse industry park",
	"Cross-border payments trial", "Fintech startup subsidies", "Regtech research centre",
	"Green bond tokenisation", "e-CNY merchant rebates", "Web3 festival sponsorship",
}

// Title parts (English).
var titleActors = []string{
	"regulator", "city government", "central bank", "securities watchdog",
	"monetary authority", "district office", "legislature", "finance bureau",
	"cyberspace office", "stock exchange",
}

var titleVerbs = []string{
	"pledges", "unveils", "tightens", "clarifies", "expands", "delays", "reviews",
	"approves", "drafts", "extends", "consults on", "scraps",
}

var titleTopics = []string{
	"rules for virtual asset platforms", "a stablecoin licensing regime",
	"retail access to crypto ETFs", "a tokenised deposit pilot", "mining restrictions",
	"Web3 hub plans", "custody standards", "an NFT marketplace code",
	"travel rule guidance", "a digital yuan rollout", "sandbox entry criteria",
	"disclosure rules for token issuers", "tax treatment of digital assets",
	"a metaverse action plan", "cross-border data rules", "anti-scam measures",
}

// Sentence parts (English).
var subjects = []string{
	"The regulator", "The city government", "The central bank", "The securities watchdog",
	"Local officials", "Industry groups", "The monetary authority", "The district office",
	"Licensed platforms", "Market participants", "Several lawmakers", "The finance bureau",
	"Banks in the pilot", "Smaller exchanges", "Consumer advocates", "Compliance teams",
}

var verbs = []string{
	"proposed", "published", "tightened", "clarified", "expanded", "postponed",
	"reviewed", "endorsed", "drafted", "extended", "questioned", "welcomed",
	"narrowed", "simplified", "announced", "revised",
}

var objects = []string{
	"a licensing regime for virtual asset platforms", "guidance on stablecoin reserves",
	"rules for retail access", "a pilot for tokenised deposits", "the travel rule timetable",
	"capital requirements for custodians", "a list of approved tokens",
	"reporting duties for mining operators", "the sandbox eligibility test",
	"fee caps on cross-border transfers", "a grant scheme for Web3 startups",
	"insurance cover for client assets", "audit standards for smart contracts",
	"a register of unlicensed platforms", "limits on leveraged products",
	"an e-CNY wallet tier for visitors", "the marketing code for crypto products",
	"data localisation rules for exchanges",
}

var tails = []string{
	"after a public consultation", "ahead of the next budget cycle",
	"in response to recent market turmoil", "with a transition period of six months",
	"under the new ordinance", "following complaints from retail investors",
	"as part of a wider fintech strategy", "without setting a firm deadline",
	"in coordination with mainland authorities", "to attract regional headquarters",
	"despite objections from industry groups", "while keeping existing exemptions",
	"for the first time since the rules took effect", "in a notice to licensed firms",
}

var commentOpeners = []string{
	"Analysts expect", "Lawyers note that", "Observers say", "Officials argue that",
	"Critics warn that", "Industry sources suggest that",
}

var commentClaims = []string{
	"the change will raise compliance costs for smaller firms",
	"the timetable leaves little room for existing platforms",
	"the measure mirrors an approach tried elsewhere in the region",
	"the budget is modest compared with earlier programmes",
	"enforcement will depend on cooperation between agencies",
	"retail demand has cooled since the last review",
	"the definition of a stablecoin remains too broad",
	"licensing fees are likely to be revised again",
}

var headings = []string{
	"Background", "What changed", "Who is affected", "Funding and budget", "Timeline",
	"Market reaction", "Open questions", "Enforcement", "Regional comparison",
	"Key provisions", "Next steps", "Industry response", "Risks", "Implementation",
	"Legal basis", "Numbers at a glance",
}

var linkTexts = []string{
	"the official notice", "the consultation paper", "the press release",
	"the policy document", "a speech by the chair", "the annual report",
	"the draft bill", "the FAQ published alongside",
}

var sourceHosts = []string{
	"sfc.example.org", "hkma.example.org", "pboc.example.org", "gov.example.com",
	"news.example.net", "legco.example.org", "csrc.example.org", "mas.example.org",
}

var sourceKinds = []string{
	"Circular", "Press release", "Consultation conclusions", "Policy statement",
	"Speech", "Notice", "Guidelines", "Annual report",
}

// Chinese parts. Each phrase counts as one word for length targets.
var zhActors = []string{
	"香港证监会", "香港金管局", "北京市政府", "上海市金融局", "深圳市政府",
	"中国人民银行", "海南省", "杭州市", "澳门金管局", "立法会",
}

var zhVerbs = []string{"发布", "推出", "加强", "启动", "修订", "征求意见", "暂停", "扩大"}

var zhTopics = []string{
	"虚拟资产交易平台指引", "稳定币监管框架", "Web3发展计划", "数字人民币试点",
	"区块链产业扶持政策", "代币化存款试点", "元宇宙行动方案", "反洗钱新规",
	"跨境支付安排", "金融科技沙盒",
}

var zhClauses = []string{
	"市场人士认为", "业内普遍预期", "有分析指出", "官员表示", "律师提醒",
}

var zhClaims = []string{
	"新规将提高合规成本", "过渡期安排较为宽松", "零售投资者保护将进一步加强",
	"资金规模与往年相若", "跨部门协作仍是关键", "牌照申请数量有望上升",
	"相关细则仍待公布", "政策方向总体保持稳定",
}

var zhHeadings = []string{
	"背景", "主要内容", "影响分析", "时间表", "市场反应", "监管要点", "后续关注", "资金安排",
}

var zhLinkTexts = []string{"官方通知", "咨询文件", "新闻稿", "政策全文", "年度报告"}
