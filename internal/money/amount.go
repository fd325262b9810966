package money

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"brief/internal/diag"
)

// scaleWords maps each accepted scale word (lower case) to its power of ten.
var scaleWords = map[string]int64{
	"k": 3, "thousand": 3,
	"m": 6, "mn": 6, "mln": 6, "million": 6,
	"b": 9, "bn": 9, "bln": 9, "billion": 9,
	"t": 12, "tn": 12, "trillion": 12,
	"万": 4, "萬": 4,
	"亿": 8, "億": 8,
}

// suggestedScaleWords are the scale words hints offer (every spelling in
// scaleWords is accepted, but hints name only the usual ones).
var suggestedScaleWords = []string{
	"k", "thousand", "m", "million", "bn", "billion", "tn", "trillion", "万", "亿",
}

// hanScales are the CJK scale characters, which may be glued to a currency
// character ("亿元").
const hanScales = "万萬亿億"

// currencyWords are words that name a currency without being ISO codes.
var currencyWords = map[string]bool{
	"rmb": true, "renminbi": true, "yuan": true, "dollar": true, "dollars": true,
	"euro": true, "euros": true, "pound": true, "pounds": true, "yen": true,
	"won": true, "hk": true, "us": true, "nt": true, "usdt": true, "usdc": true,
}

// currencyHan are CJK characters that mean a currency (元, 港币, 日円...).
const currencyHan = "元圆圓円币幣镑鎊"

// ParseAmount reads an editor's funding amount: a non-negative number with
// optional thousands commas and an optional scale word, e.g. 100000000,
// "2,500,000", "100m", "1.2bn", "100 million", "250 thousand", "3.2k", "1亿".
// The value is exact: "1.2bn" is 1200000000. Anything ambiguous is an error
// (*AmountError), never a guess. See the package documentation for the rules.
func ParseAmount(s string) (Decimal, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Decimal{}, &AmountError{Msg: "amount is empty", Hint: acceptedForms}
	}
	if n := utf8.RuneCountInString(t); n > MaxAmountLength {
		// Reading megabytes of digits would cost seconds; no amount needs them.
		return Decimal{}, &AmountError{Msg: fmt.Sprintf("amount is %d characters long", n), Hint: fmt.Sprintf(`write at most %d, e.g. "1.2bn"`, MaxAmountLength)}
	}
	if isNonFinite(t) {
		return Decimal{}, &AmountError{Msg: fmt.Sprintf("amount must be a finite number, not %q", t), Hint: acceptedForms}
	}
	toks := lexAmount(t)
	if cur, ok := findCurrency(toks); ok {
		return Decimal{}, currencyError(t, cur, toks)
	}
	cannotRead := func(hint string) (Decimal, error) {
		return Decimal{}, &AmountError{Msg: fmt.Sprintf("cannot read amount %q", t), Hint: hint}
	}

	toks = dropSpaces(toks)
	n := firstOf(toks, tokNumber)
	if n < 0 {
		return cannotRead(acceptedForms)
	}
	switch {
	case n == 1 && isMinus(toks[0].text):
		return Decimal{}, &AmountError{Msg: "amount must not be negative", Hint: "write the size of the amount without a sign; say in the text if it is a cut"}
	case n > 0:
		return cannotRead(acceptedForms)
	}

	value, err := readGroupedNumber(t, toks[0].text)
	if err != nil {
		return Decimal{}, err
	}
	rest := toks[1:]
	if len(rest) == 0 {
		return belowCeiling(t, value)
	}
	word := rest[0]
	switch {
	case word.kind == tokNumber:
		return cannotRead("do not put spaces inside a number; group thousands with commas, e.g. 2,500,000")
	case word.kind == tokWord && strings.EqualFold(word.text, "e") && len(rest) > 1:
		return cannotRead(`exponents are not accepted; write the full number or use a scale word, e.g. "1.2bn"`)
	case word.kind != tokWord:
		return cannotRead(acceptedForms)
	}
	if len(rest) > 1 {
		return cannotRead(`write the number first and one scale word last, e.g. "10.5m" or "100 million"`)
	}
	power, known := scaleWords[strings.ToLower(word.text)]
	if !known {
		return Decimal{}, unknownScaleError(t, word.text)
	}
	return belowCeiling(t, value.Mul(scaleOf10(power)))
}

// MaxAmount is the largest amount ParseAmount accepts: 10^18 units of any
// currency. National budgets in the currencies with the smallest units (the
// Vietnamese dong, the Iranian rial) reach 10^15 to 10^16; anything beyond
// 10^18 is a typo, such as a scale word too many.
var MaxAmount = scaleOf10(18)

// MaxAmountLength bounds the text of an amount, in characters (white space
// around it not counted).
const MaxAmountLength = 64

func belowCeiling(input string, d Decimal) (Decimal, error) {
	if d.Cmp(MaxAmount) > 0 {
		return Decimal{}, &AmountError{
			Msg:  fmt.Sprintf("amount %q is more than 10^18 (1,000,000,000,000,000,000), the most an amount may be", input),
			Hint: "no budget is that large, even in dong or rials: check the digits and the scale word",
		}
	}
	return d, nil
}

// readGroupedNumber checks and reads digits with optional thousands commas
// and one decimal point, e.g. "2,500,000.50".
func readGroupedNumber(input, num string) (Decimal, error) {
	if strings.Count(num, ".") > 1 {
		return Decimal{}, &AmountError{
			Msg:  fmt.Sprintf("more than one decimal point in amount %q", input),
			Hint: `write one decimal point, e.g. "1.2bn"; group thousands with commas, not dots`,
		}
	}
	whole, frac, hasPoint := strings.Cut(num, ".")
	if !validGrouping(whole) || strings.Contains(frac, ",") {
		return Decimal{}, &AmountError{
			Msg:  fmt.Sprintf("misplaced comma in amount %q", input),
			Hint: "commas may only separate groups of three digits before the decimal point, e.g. 2,500,000; or leave them out",
		}
	}
	switch {
	case whole == "":
		return Decimal{}, &AmountError{Msg: fmt.Sprintf("cannot read amount %q", input), Hint: "write a digit before the decimal point, e.g. 0.5"}
	case hasPoint && frac == "":
		return Decimal{}, &AmountError{Msg: fmt.Sprintf("cannot read amount %q", input), Hint: "write digits after the decimal point, or leave the point out"}
	}
	return digitsDecimal(strings.ReplaceAll(whole, ",", ""), frac), nil
}

// validGrouping reports whether whole is digits, either without commas or with
// commas between groups of exactly three (the first group one to three).
// Indian grouping ("1,00,000") and decimal commas ("1,5") fail.
func validGrouping(whole string) bool {
	if !strings.Contains(whole, ",") {
		return true
	}
	groups := strings.Split(whole, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func unknownScaleError(input, word string) error {
	hint := diag.DidYouMean(word, suggestedScaleWords)
	if hint == "" {
		hint = "scale words are " + strings.Join(suggestedScaleWords, ", ")
	}
	return &AmountError{Msg: fmt.Sprintf("unknown scale word %q in amount %q", word, input), Hint: hint}
}

// currencyError reports a currency written inside the amount and suggests the
// amount without it.
func currencyError(input, cur string, toks []token) error {
	var keep strings.Builder
	for _, tk := range dropSpaces(toks) {
		switch {
		case tk.kind == tokNumber:
			keep.WriteString(tk.text)
		case tk.kind == tokWord && keep.Len() > 0:
			w := tk.text
			if strings.ContainsAny(w, currencyHan) {
				// "万港元": keep the scale characters in front.
				w = w[:len(w)-len(strings.TrimLeft(w, hanScales))]
			}
			if _, ok := scaleWords[strings.ToLower(w)]; ok {
				if len([]rune(w)) > 2 && w[0] < 0x80 {
					keep.WriteByte(' ')
				}
				keep.WriteString(w)
			}
		}
	}
	hint := "write the currency in the currency field and only the number here"
	if keep.Len() > 0 {
		hint = fmt.Sprintf("write the currency in the currency field and only %q here", keep.String())
	}
	return &AmountError{Msg: fmt.Sprintf("currency %q inside amount %q", cur, input), Hint: hint}
}

// findCurrency returns the currency written in the amount, if any: a
// currency sign ($, ¥, €...), an ISO code, a currency word, or a CJK currency
// character, together with a word glued to it ("US$", "HK$").
func findCurrency(toks []token) (string, bool) {
	i := slices.IndexFunc(toks, isCurrencyToken)
	if i < 0 {
		return "", false
	}
	start, end := i, i+1
	if i > 0 && toks[i].kind == tokOther && toks[i-1].kind == tokWord {
		start = i - 1 // "S$", "NT$"
	}
	for end < len(toks) && isCurrencyToken(toks[end]) {
		end++ // "US$", "HKD$"
	}
	var b strings.Builder
	for _, tk := range toks[start:end] {
		b.WriteString(tk.text)
	}
	// "亿元" is a scale and a currency: name only the currency.
	return strings.TrimLeft(b.String(), hanScales), true
}

// commonCodes are the codes editors may type in lower case; other ISO codes
// count only in upper case, so that words such as "all" or "top" are not
// mistaken for currencies.
var commonCodes = map[string]bool{
	"usd": true, "cny": true, "hkd": true, "eur": true, "gbp": true, "jpy": true,
	"sgd": true, "twd": true, "mop": true, "krw": true, "cnh": true,
}

func isCurrencyToken(tk token) bool {
	switch tk.kind {
	case tokOther:
		return unicode.Is(unicode.Sc, []rune(tk.text)[0])
	case tokWord:
		lower := strings.ToLower(tk.text)
		if _, ok := scaleWords[lower]; ok {
			return false
		}
		if _, ok := Lookup(tk.text); ok {
			return true
		}
		return commonCodes[lower] || currencyWords[lower] || strings.ContainsAny(tk.text, currencyHan)
	}
	return false
}

// isNonFinite spots NaN and infinities in the spellings Go, JSON tools and
// YAML use.
func isNonFinite(t string) bool {
	l := strings.ToLower(strings.TrimLeft(t, "+-"))
	l = strings.TrimPrefix(l, ".")
	return l == "nan" || l == "inf" || l == "infinity" || l == "∞"
}

func isMinus(s string) bool {
	return s == "-" || s == "−" || s == "–" || s == "‐"
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
