package main

import (
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"strconv"
)

// vuguHelperCommand writes Vugu's renderer helper script to a file:
//
//	playserver vuguhelper -src $(vugu)/domrender/renderer-js-script.go -o site/vugu-render.js
//
// Vugu installs the helper with window.eval, which a Content-Security-Policy without
// 'unsafe-eval' forbids; boot.js loads it as a file first instead. The file must be the very
// script Vugu would eval, the minified constant jsHelperScript (the unminified
// renderer-js-script.js beside it has drifted and fails), so it is read out of the Go source.
func vuguHelperCommand(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("playserver vuguhelper", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("src", "", "Vugu's domrender/renderer-js-script.go")
	out := fs.String("o", "", "the file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *src == "" || *out == "" {
		fmt.Fprintln(stderr, "both -src and -o are required")
		return errUsage
	}
	script, err := vuguHelperScript(*src)
	if err != nil {
		return err
	}
	return os.WriteFile(*out, []byte(script), 0o644)
}

// vuguHelperScript returns the value of the string constant jsHelperScript in a Go file.
func vuguHelperScript(path string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != "jsHelperScript" || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return "", fmt.Errorf("%s: jsHelperScript is not a string literal", path)
				}
				return strconv.Unquote(lit.Value)
			}
		}
	}
	return "", errors.New(path + ": no constant jsHelperScript")
}
