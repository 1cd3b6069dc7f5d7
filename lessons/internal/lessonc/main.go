// Command lessonc writes compiled.json, the curriculum as the browser build embeds it: every
// lesson and demo of lessons/content parsed, validated and with its Markdown rendered (see
// lessons/compiled.go). `go generate ./lessons` runs it; `make generate` does too.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/kafka-playground/playground/lessons"
)

func main() {
	out := flag.String("o", "compiled.json", "the file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "lessonc:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	all, err := lessons.All()
	if err != nil {
		return err
	}
	demos, err := lessons.Demos()
	if err != nil {
		return err
	}
	data, err := lessons.Compile(append(all, demos...), lessons.HTML).Marshal()
	if err != nil {
		return err
	}
	// Leave an unchanged file alone, so that make does not see it as new.
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(out, data, 0o644)
}
