// Package money handles funding figures exactly: decimal amounts (never
// float64), ISO 4217 currencies, editor-friendly parsing ("100m", "1.2bn"),
// formatting for templates, and conversion with configured rates.
//
// # Decimal
//
// Decimal is an exact decimal (a big.Int coefficient and a count of decimals).
// Add, Sub and Mul are exact; Quo and Round round half away from zero to a
// given number of decimals. String gives the canonical plain form with no
// exponent and no trailing zeros ("100000000", "1.2", "0.14"), and JSON
// output is that same text as a JSON number. Float64 exists only for chart
// geometry.
//
// # Amounts written by editors (ParseAmount)
//
// An amount is a non-negative number, optionally followed by one scale word:
//
//	100000000            plain digits
//	2,500,000            commas between groups of exactly three digits
//	0.5, 2,500,000.75    one decimal point, digits on both sides
//	100m, 100M, 100 m    m, mn, mln, million          = 10^6
//	1.2bn, 1.2b          b, bn, bln, billion          = 10^9
//	1.5tn, 1.5 trillion  t, tn, trillion              = 10^12
//	3.2k, 250 thousand   k, thousand                  = 10^3
//	5000万, 1.2亿         万/萬 = 10^4, 亿/億 = 10^8
//
// Scale words are case-insensitive and may follow the number with or without
// spaces. Values are exact: "1.2bn" is 1200000000. Surrounding white space is
// ignored. "M" always means million (never the Roman thousand).
//
// Everything else is an error, never a guess, because a misread amount
// changes a briefing's meaning. In particular: an empty amount; a minus sign
// ("amount must not be negative"); a currency code, word or sign inside the
// amount ("CNY 100m", "$14m", "100m USD", "1亿元"; the currency belongs in
// the currency field); commas that do not separate groups of three (Indian
// grouping "1,00,000", decimal commas "1,5m"); more than one decimal point
// ("1.2.3", "1.000.000"); a point without digits on both sides (".5", "5.");
// spaces inside the number ("1 000"); exponents ("1e9"); text after the scale
// word ("10m5"); more than one scale word; unknown scale words ("100
// gazillion", with a did-you-mean hint); NaN and infinities; amounts above
// MaxAmount, 10^18 units of any currency (national budgets in dong or rials
// reach 10^16; anything larger is a typo); text longer than 64 characters.
//
// Errors are *AmountError: Error() is the message alone and Hint how to fix
// it, so they print as `file:line: funding[0].amount: message (hint)`.
//
// ParseDecimal reads plain decimals for configuration (exchange rates,
// tolerances): an optional sign, digits and an optional fraction, no commas,
// scale words or exponents. Decimal also implements json.Unmarshaler,
// encoding.TextUnmarshaler and BurntSushi/toml's Unmarshaler; those accept an
// exponent as machines write one.
//
// # Currencies
//
// Lookup knows the active ISO 4217 currencies (upper-case codes only) with
// their minor units: JPY and KRW 0, KWD, BHD, JOD, OMR, IQD, LYD and TND 3,
// CLF and UYW 4, most others 2. Metals, fund and test codes (XAU, XDR, XTS...)
// and withdrawn codes (HRK, SLL...) are not included; neither is the offshore
// yuan "CNH", which is not an ISO code.
//
// # Formatting
//
// Short and Long put a symbol before the number only where it cannot be
// misread: US$ (USD), HK$, NT$ (TWD), S$ (SGD), A$, C$, NZ$, € and £. Every
// other currency, including CNY and JPY (both would be "¥"), shows its code
// and a space: "CNY 100m".
//
//   - Below one million both show the full amount with thousands commas:
//     "US$850,000"; a fractional amount is padded to the currency's minor
//     units: "US$850,000.50".
//   - From one million up they divide by the largest of million, billion,
//     trillion that the amount reaches and keep at most two decimals, rounded
//     half away from zero with trailing zeros dropped: Short "CNY 100m",
//     "US$14m", "HK$1.2bn", "US$1.5tn"; Long "CNY 100 million",
//     "HK$1.2 billion". So 1,234,567 shows as "1.23m" and 1,000,001 as "1m":
//     these forms are for reading, not for exact figures. An amount that would
//     round to 1,000 of a scale moves up one ("US$1bn", not "US$1,000m").
//
// Plain is the exact amount with the code, thousands commas and, when the
// amount is fractional, at least the currency's minor units: "CNY 100,000,000",
// "USD 14,000,000.50", "JPY 5,000", "KWD 1.250". It never rounds.
//
// In all three forms a negative amount starts with "-" ("-US$14m"). An unknown
// code is shown as given, with every decimal the amount has.
//
// # Conversion
//
// Rates.PerUnit[code] is the number of units of the reporting currency that
// one unit of code buys (CNY 0.14 with report USD). Convert multiplies exactly
// and rounds half away from zero to the reporting currency's minor units:
// CNY 100m at 0.14 is USD 14,000,000; HKD 1.2bn at 0.128 is USD 153,600,000.
// Differs flags a stated conversion more than a tolerance away from the
// computed one, |stated - computed| > tolerance% of |computed|; the default
// tolerance is 15%. Totals sums amounts per currency and lists currencies in
// sorted order.
package money
