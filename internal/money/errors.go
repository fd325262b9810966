package money

// AmountError is a problem with an editor's amount or a configured number.
// Error returns only the message; Hint says how to fix it, so callers can
// print `file:line: field: <Msg> (<Hint>)` through diag.
type AmountError struct {
	Msg  string // what is wrong, lower case, no trailing period
	Hint string // how to fix it; may be empty
}

func (e *AmountError) Error() string { return e.Msg }

// acceptedForms is the hint for amounts that cannot be read at all.
const acceptedForms = `write 100000000, "100m", "1.2bn" or "100 million"`
