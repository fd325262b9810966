// Package schematest compiles and applies the schemas brief writes, for tests
// that check them against the parsers: with Go's regular expressions or, as
// editors run them, JavaScript's.
package schematest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"brief/internal/schema"
)

// T is what the helpers need of a test: a *testing.T, or a testscript
// command's script.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Compile compiles a schema document (a *schema.Object or its JSON) after
// checking it against the draft 2020-12 meta-schema. With ecma, patterns run
// as ECMAScript regular expressions.
func Compile(t T, doc any, ecma bool) *jsonschema.Schema {
	t.Helper()
	raw, ok := doc.([]byte)
	if !ok {
		var err error
		if raw, err = schema.Indent(doc); err != nil {
			t.Fatalf("%v", err)
		}
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%v", err)
	}
	c := jsonschema.NewCompiler()
	if ecma {
		c.UseRegexpEngine(func(s string) (jsonschema.Regexp, error) {
			re, err := regexp2.Compile(s, regexp2.ECMAScript)
			return ecmaRegexp{re}, err
		})
	}
	if err := c.AddResource("schema.json", v); err != nil {
		t.Fatalf("%v", err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile (ECMAScript %v): %v", ecma, err)
	}
	return s
}

type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return err == nil && ok
}

func (r ecmaRegexp) String() string { return r.re.String() }

// JSON decodes JSON text as a validator does (numbers stay exact).
func JSON(t T, text string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(text)))
	if err != nil {
		t.Fatalf("%v", err)
	}
	return v
}

// TOML decodes a TOML file into the values a TOML editor hands its schema
// validator: dates as "YYYY-MM-DD" strings, numbers as JSON numbers.
func TOML(t T, src string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("%v", err)
	}
	return tomlValue(m)
}

func tomlValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = tomlValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = tomlValue(e)
		}
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = tomlValue(e)
		}
		return out
	case time.Time:
		if x.Location().String() == "date-local" { // BurntSushi/toml's local date
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339Nano)
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	}
	return v
}
