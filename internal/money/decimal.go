package money

import (
	"cmp"
	"math"
	"math/big"
	"strconv"

	"brief/internal/binenc"
)

// Decimal is an exact decimal number: coef × 10^-scale. The zero value is 0.
//
// Values are immutable: no method modifies its receiver or the big.Int it
// shares with copies, so a Decimal is safe to copy and to share between
// goroutines. Compare values with Cmp, never with ==.
//
// Invariants (kept by norm): the coefficient is small, and coef nil, when
// it and its negation fit in an int64 (zero too); scale >= 0; when scale > 0
// the coefficient does not end in a zero digit. So every number has exactly
// one representation. Most amounts fit in an int64: held in the Decimal
// itself, they cost no big.Int and its words (two more objects, which a
// model of 100,000 briefings held by the hundred thousand, each reached
// through two pointers).
type Decimal struct {
	small int64    // the coefficient when coef is nil
	coef  *big.Int // the coefficient when it does not fit in an int64
	scale int32
}

var bigTen = big.NewInt(10)

// NewInt returns v as a Decimal.
func NewInt(v int64) Decimal {
	return norm(big.NewInt(v), 0)
}

// pow10 returns 10^n as a new big.Int (n >= 0).
func pow10(n int64) *big.Int {
	return new(big.Int).Exp(bigTen, big.NewInt(n), nil)
}

// norm builds a Decimal from c × 10^-scale, taking ownership of c. A negative
// scale is folded into the coefficient; trailing fractional zeros are dropped.
func norm(c *big.Int, scale int64) Decimal {
	if c.Sign() == 0 {
		return Decimal{}
	}
	if scale < 0 {
		c.Mul(c, pow10(-scale))
		scale = 0
	}
	if scale > 0 {
		q, r := new(big.Int), new(big.Int)
		for scale > 0 {
			q.QuoRem(c, bigTen, r)
			if r.Sign() != 0 {
				break
			}
			c, q = q, c
			scale--
		}
	}
	return compact(c, int32(scale))
}

// compact is the Decimal c × 10^-scale, for a c without the zeros norm
// drops, held in small when it fits.
func compact(c *big.Int, scale int32) Decimal {
	if c.IsInt64() {
		if v := c.Int64(); v != math.MinInt64 {
			return Decimal{small: v, scale: scale}
		}
	}
	return Decimal{coef: c, scale: scale}
}

// normInt64 is norm for a coefficient that is an int64.
func normInt64(v int64, scale int64) Decimal {
	if v == 0 {
		return Decimal{}
	}
	if scale < 0 || v == math.MinInt64 {
		return norm(big.NewInt(v), scale)
	}
	for scale > 0 && v%10 == 0 {
		v /= 10
		scale--
	}
	return Decimal{small: v, scale: int32(scale)}
}

// int returns a copy of the coefficient, safe for the caller to modify.
func (d Decimal) int() *big.Int {
	if d.coef == nil {
		return big.NewInt(d.small)
	}
	return new(big.Int).Set(d.coef)
}

// aligned returns both coefficients brought to the larger scale.
func aligned(d, e Decimal) (a, b *big.Int, scale int64) {
	a, b = d.int(), e.int()
	switch {
	case d.scale > e.scale:
		b.Mul(b, pow10(int64(d.scale-e.scale)))
	case e.scale > d.scale:
		a.Mul(a, pow10(int64(e.scale-d.scale)))
	}
	return a, b, int64(max(d.scale, e.scale))
}

// Add returns d + e.
func (d Decimal) Add(e Decimal) Decimal {
	// Totals add up whole amounts of one scale: in int64 when the sum fits.
	if x, ok := d.coefInt64(); ok && d.scale == e.scale {
		if y, ok := e.coefInt64(); ok {
			if sum, ok := addInt64(x, y); ok {
				return normInt64(sum, int64(d.scale))
			}
		}
	}
	a, b, s := aligned(d, e)
	return norm(a.Add(a, b), s)
}

// addInt64 returns x + y, and false when that overflows.
func addInt64(x, y int64) (int64, bool) {
	s := x + y
	return s, (x >= 0) != (y >= 0) || (s >= 0) == (x >= 0)
}

// Sub returns d - e.
func (d Decimal) Sub(e Decimal) Decimal {
	a, b, s := aligned(d, e)
	return norm(a.Sub(a, b), s)
}

// Mul returns d × e exactly.
func (d Decimal) Mul(e Decimal) Decimal {
	a := d.int()
	return norm(a.Mul(a, e.int()), int64(d.scale)+int64(e.scale))
}

// Quo returns d / e rounded half away from zero to places decimals (a
// negative places rounds to tens, hundreds...). It panics when e is zero, as
// math/big does: callers check IsZero first.
func (d Decimal) Quo(e Decimal, places int) Decimal {
	if e.IsZero() {
		panic("money: division by zero")
	}
	// d/e = (a/10^sa)/(b/10^sb); scaled by 10^places that is
	// a·10^(sb+places) / (b·10^sa).
	num, den := d.int(), e.int()
	shift := int64(e.scale) + int64(places) - int64(d.scale)
	if shift >= 0 {
		num.Mul(num, pow10(shift))
	} else {
		den.Mul(den, pow10(-shift))
	}
	return norm(roundQuo(num, den), int64(places))
}

// roundQuo returns num/den rounded half away from zero; it reuses num.
func roundQuo(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	r.Abs(r).Lsh(r, 1)
	if r.CmpAbs(den) >= 0 {
		if num.Sign()*den.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// Round returns d rounded half away from zero to places decimals (a negative
// places rounds to tens, hundreds...).
func (d Decimal) Round(places int) Decimal {
	if int64(d.scale) <= int64(places) {
		return d
	}
	q := roundQuo(d.int(), pow10(int64(d.scale)-int64(places)))
	return norm(q, int64(places))
}

// Cmp compares d and e: -1 if d < e, 0 if equal, +1 if d > e.
func (d Decimal) Cmp(e Decimal) int {
	if d.scale == e.scale {
		switch {
		case d.coef == nil && e.coef == nil:
			return cmp.Compare(d.small, e.small)
		case d.coef != nil && e.coef != nil:
			return d.coef.Cmp(e.coef) // read-only: no copies needed
		}
	}
	a, b, _ := aligned(d, e)
	return a.Cmp(b)
}

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	if d.coef == nil {
		return cmp.Compare(d.small, 0)
	}
	return d.coef.Sign()
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.Sign() == 0 }

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	if d.coef == nil { // its negation fits too
		return Decimal{small: -d.small, scale: d.scale}
	}
	c := d.int()
	return norm(c.Neg(c), int64(d.scale))
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	if d.Sign() >= 0 {
		return d
	}
	return d.Neg()
}

// Places returns the number of decimals d needs: 0 for whole numbers, 2 for
// 1.25. Useful to check an amount against a currency's minor units.
func (d Decimal) Places() int { return int(d.scale) }

// String returns the canonical plain form: optional "-", digits, and a
// fractional part only when needed, without trailing zeros or exponent:
// "100000000", "1.2", "0.14", "-3".
func (d Decimal) String() string {
	if d.IsZero() {
		return "0"
	}
	var buf [40]byte // most amounts fit: one allocation, the string's
	return string(d.appendTo(buf[:0]))
}

// appendTo appends d as String writes it to dst.
func (d Decimal) appendTo(dst []byte) []byte {
	var db [20]byte
	var digits []byte
	if v, ok := d.coefInt64(); ok {
		digits = strconv.AppendInt(db[:0], max(v, -v), 10) // most amounts: no big.Int
	} else {
		digits = new(big.Int).Abs(d.coef).Append(db[:0], 10)
	}
	if d.Sign() < 0 {
		dst = append(dst, '-')
	}
	s := int(d.scale)
	switch {
	case s == 0:
		dst = append(dst, digits...)
	case len(digits) > s:
		dst = append(dst, digits[:len(digits)-s]...)
		dst = append(dst, '.')
		dst = append(dst, digits[len(digits)-s:]...)
	default:
		dst = append(dst, "0."...)
		for range s - len(digits) {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	}
	return dst
}

// Float64 returns the nearest float64. For drawing chart geometry only: never
// use it for amounts that are shown, summed or compared.
func (d Decimal) Float64() float64 {
	if d.IsZero() {
		return 0
	}
	f, _ := new(big.Rat).SetFrac(d.int(), pow10(int64(d.scale))).Float64()
	return f
}

// Encode appends d exactly (digits and scale) to w, for a build cache.
func (d Decimal) Encode(w *binenc.Writer) {
	w.Bool(d.IsZero())
	if d.IsZero() {
		return
	}
	w.Bool(d.Sign() < 0)
	c := d.int()
	w.Bytes(c.Abs(c).Bytes())
	w.Int(int(d.scale))
}

// DecodeDecimal reads a decimal that Encode wrote.
func DecodeDecimal(r *binenc.Reader) Decimal {
	if r.Bool() {
		return Decimal{}
	}
	neg, abs, scale := r.Bool(), r.Bytes(), r.Int()
	if r.Err() != nil || len(abs) > 64 || scale < 0 || scale > maxExponent {
		r.Fail()
		return Decimal{}
	}
	c := new(big.Int).SetBytes(abs)
	if neg {
		c.Neg(c)
	}
	return compact(c, int32(scale))
}

// coefInt64 returns the coefficient when it and its negation fit in an
// int64.
func (d Decimal) coefInt64() (int64, bool) {
	return d.small, d.coef == nil
}
