package content

// BadFile is one file of the parser's error corpus, for tests outside the
// package (the schema conformance test).
type BadFile struct{ Name, Src string }

// ErrorCorpus returns the files of TestParseErrors.
func ErrorCorpus() []BadFile {
	var out []BadFile
	for _, c := range parseErrorCases() {
		out = append(out, BadFile{c.name, c.src})
	}
	return out
}
