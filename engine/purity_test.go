package engine_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// forbiddenImports are the packages that would let the engine depend on something other than
// its commands and its seed: the clock, the OS, the network, the browser, threads, global or
// cryptographic randomness, and unsafe memory tricks. engine/doc.go promises that the same
// seed and the same commands give the same events, byte for byte; each of these breaks that
// promise or the build for the browser (GOOS=js) in its own way.
var forbiddenImports = map[string]string{
	"time":        "simulated time is the tick counter; a clock makes runs differ",
	"syscall/js":  "the engine must not reach into the browser; the wasm glue does that",
	"os":          "the engine does no I/O; commands and views are its only interface",
	"os/exec":     "the engine does no I/O",
	"net":         "the network is simulated as data",
	"net/http":    "the network is simulated as data",
	"sync":        "the engine has no goroutines, so it needs no locks",
	"sync/atomic": "the engine has no goroutines",
	"math/rand":   "math/rand (v1) has a global source; use the Sim's seeded PCG",
	"crypto/rand": "crypto/rand is not reproducible; use the Sim's seeded PCG",
	"unsafe":      "Clone and View rely on Go's slice rules, which unsafe can break",
}

// TestEnginePurity scans every non-test Go file in engine/ and its subpackages and fails on
// anything that could make the simulation depend on more than its seed and its commands: a
// forbidden import, a go statement, a channel, a select, or a call to time.Now.
func TestEnginePurity(t *testing.T) {
	var problems []string
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || strings.HasPrefix(name, ".") && path != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		problems = append(problems, checkPurity(path, src)...)
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, files, 20, "the scan found too few files; is it running in engine/?")
	require.Empty(t, problems, "the engine must stay a pure, deterministic state machine (engine/doc.go):\n%s", strings.Join(problems, "\n"))
}

// TestPurityCheckerCatches keeps the checker honest: a source with one of everything it looks
// for must be reported at the right lines.
func TestPurityCheckerCatches(t *testing.T) {
	src := `package bad

import (
	"fmt"
	clock "time"
	"os"
	_ "unsafe"
	"math/rand"
)

func f(c chan int) {
	go fmt.Println(os.Args)
	select {
	case <-c:
	}
	_ = clock.Now()
	_ = rand.Int()
	var ch <-chan string
	_ = ch
}
`
	got := checkPurity("bad.go", []byte(src))
	want := []string{
		`bad.go:5: imports "time"`,
		`bad.go:6: imports "os"`,
		`bad.go:7: imports "unsafe"`,
		`bad.go:8: imports "math/rand"`,
		`bad.go:11: a channel type`,
		`bad.go:12: a go statement`,
		`bad.go:13: a select statement`,
		`bad.go:16: a call to time.Now`,
		`bad.go:18: a channel type`,
	}
	require.Len(t, got, len(want), "got:\n%s", strings.Join(got, "\n"))
	for i, w := range want {
		require.True(t, strings.HasPrefix(got[i], w), "problem %d: got %q, want it to start with %q", i, got[i], w)
	}
	require.Empty(t, checkPurity("good.go", []byte("package good\n\nimport \"math/rand/v2\"\n\nfunc f() int { return rand.N(3) }\n")))
	broken := checkPurity("broken.go", []byte("package {"))
	require.Len(t, broken, 1)
	require.True(t, strings.HasPrefix(broken[0], "broken.go: does not parse: "), broken[0])
}

// checkPurity returns the problems in one file, as "file:line: what (why)", in source order.
func checkPurity(path string, src []byte) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return []string{fmt.Sprintf("%s: does not parse: %v", path, err)}
	}
	var out []string
	report := func(pos token.Pos, what string) {
		out = append(out, fmt.Sprintf("%s:%d: %s", path, fset.Position(pos).Line, what))
	}
	timeNames := map[string]bool{} // local names of the time package, to find time.Now
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if why := forbiddenImports[p]; why != "" {
			report(imp.Pos(), fmt.Sprintf("imports %q (%s)", p, why))
		}
		if p == "time" {
			name := "time"
			if imp.Name != nil {
				name = imp.Name.Name
			}
			timeNames[name] = true
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			report(n.Pos(), "a go statement (the engine has no goroutines: everything happens in Tick)")
		case *ast.ChanType:
			report(n.Pos(), "a channel type (the simulated network is a slice of messages)")
		case *ast.SelectStmt:
			report(n.Pos(), "a select statement (the engine never waits)")
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Now" {
				if id, ok := sel.X.(*ast.Ident); ok && timeNames[id.Name] {
					report(n.Pos(), "a call to time.Now (simulated time is Sim.Now, in ticks)")
				}
			}
		}
		return true
	})
	return out
}
