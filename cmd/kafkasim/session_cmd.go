package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
)

const sessionSummary = "export the session so far as JSON, Markdown or a script"

const sessionUsage = "usage: session export --format json|markdown|script [--output FILE]"

const sessionHelp = "session: " + sessionSummary + "\n\n" +
	"session export --format json      the session file: kafkasim --import and the browser's Import read it\n" +
	"session export --format markdown  a report: commands, events and the final state\n" +
	"session export --format script    a script in this language: kafkasim -f replays it\n" +
	"  --output FILE                   write FILE instead of printing it\n"

// exportFormats are the formats `session export` writes, in the order help lists them.
var exportFormats = []string{"json", "markdown", "script"}

// session runs `session ...`, kafkasim's own command. Errors are worded like the Kafka tools'
// (joptsimple's), as every other command's are.
func (t *terminal) session(args []string) cli.Result {
	if len(args) == 0 || args[0] != "export" {
		return cli.Result{Err: errors.New(sessionUsage)}
	}
	opts := map[string]string{}
	for i := 1; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimPrefix(args[i], "--"), "=")
		switch {
		case !strings.HasPrefix(args[i], "--"):
			return cli.Result{Err: fmt.Errorf("unexpected argument %q; %s", args[i], sessionUsage)}
		case name != "format" && name != "output":
			return cli.Result{Err: fmt.Errorf("%s is not a recognized option of session export (see: help session)", name)}
		case opts[name] != "":
			return cli.Result{Err: fmt.Errorf("Option %s was given more than once", name)}
		}
		if !hasVal {
			if i+1 == len(args) {
				return cli.Result{Err: fmt.Errorf("Option %s requires an argument", name)}
			}
			i++
			val = args[i]
		}
		if val == "" {
			return cli.Result{Err: fmt.Errorf("Option %s requires an argument", name)}
		}
		opts[name] = val
	}
	if opts["format"] == "" {
		return cli.Result{Err: fmt.Errorf(`Missing required argument "[format]"; %s`, sessionUsage)}
	}
	body, err := exportAs(t.file(), opts["format"])
	if err != nil {
		return cli.Result{Err: err}
	}
	out := opts["output"]
	if out == "" {
		return cli.Result{Output: body}
	}
	if err := os.WriteFile(out, []byte(body), 0o644); err != nil {
		return cli.Result{Err: fmt.Errorf("cannot write the export: %v", err)}
	}
	return cli.Result{Output: fmt.Sprintf("Exported the session (%d command(s)) as %s to %s.\n", len(t.log), opts["format"], out)}
}

// exportAs renders a session in one of the export formats.
func exportAs(f session.File, format string) (string, error) {
	switch format {
	case "json":
		b, err := session.EncodeFile(f)
		return string(b), err
	case "markdown":
		return session.ExportMarkdown(f)
	case "script":
		return session.ExportScript(f), nil
	}
	return "", fmt.Errorf("unknown export format %q: use %s", format, strings.Join(exportFormats[:2], ", ")+" or "+exportFormats[2])
}
