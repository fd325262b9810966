package diag_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryDiagnosticHasAHint reads the module's code and fails on a
// diagnostic made with an empty hint: every problem brief reports says how
// to fix it. It checks diag.Errorf and diag.Warnf, and the two helpers that
// wrap them (content's p.errorf and config's d.errorf).
func TestEveryDiagnosticHasAHint(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			hintArg := -1
			switch fun := call.Fun.(type) {
			case *ast.SelectorExpr:
				x, _ := fun.X.(*ast.Ident)
				switch {
				case x != nil && x.Name == "diag" && (fun.Sel.Name == "Errorf" || fun.Sel.Name == "Warnf"):
					hintArg = 3
				case fun.Sel.Name == "errorf" && strings.Contains(filepath.ToSlash(p), "internal/content/"):
					hintArg = 2
				case fun.Sel.Name == "errorf" && strings.Contains(filepath.ToSlash(p), "internal/config/"):
					hintArg = 1
				}
			}
			if hintArg < 0 || len(call.Args) <= hintArg {
				return true
			}
			checked++
			if lit, ok := call.Args[hintArg].(*ast.BasicLit); ok && (lit.Value == `""` || lit.Value == "``") {
				t.Errorf("%s: a diagnostic without a hint", fset.Position(call.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("found only %d diagnostics: is the walk looking at the module?", checked)
	}
}
