package session

import (
	"errors"
	"fmt"
	"strings"
)

// `session export` is the one command of the language that is about the session rather than
// the cluster: the terminal (kafkasim) and the browser console both answer it, so its grammar
// and its formats live here, once.

// ExportSummary, ExportUsage and ExportHelp are what `help` says about `session`.
const (
	ExportSummary = "export the session so far as JSON, Markdown, a script or a link"
	ExportUsage   = "usage: session export --format json|markdown|script|link [--output FILE] [--base-url URL]"
	ExportHelp    = "session: " + ExportSummary + "\n\n" +
		"session export --format json      the session file: kafkasim --import and the browser's Import read it\n" +
		"session export --format markdown  a report: commands, events and the final state\n" +
		"session export --format script    a script in this language: kafkasim -f replays it\n" +
		"session export --format link      a link that opens this moment in the browser (kafkasim --import reads it too)\n" +
		"  --output FILE                   write FILE instead of printing it\n" +
		"  --base-url URL                  the playground's address, for a link (kafkasim: " + DefaultBaseURL + ";\n" +
		"                                  the browser: the page's own)\n"
)

// DefaultBaseURL is where `make serve` runs the playground: kafkasim's links point there unless
// --base-url says otherwise.
const DefaultBaseURL = "http://localhost:8080/"

// ExportFormats are the formats `session export` writes, in the order help lists them.
var ExportFormats = []string{"json", "markdown", "script", "link"}

// ExportRequest is a parsed `session export`.
type ExportRequest struct {
	Format  string
	Output  string // "" prints the export
	BaseURL string // "" for the caller's default; only links use it
}

// ParseExport reads the words after `session`. Errors are worded like the Kafka tools'
// (joptsimple's), as every other command's are.
func ParseExport(args []string) (ExportRequest, error) {
	if len(args) == 0 || args[0] != "export" {
		return ExportRequest{}, errors.New(ExportUsage)
	}
	opts := map[string]string{}
	for i := 1; i < len(args); i++ {
		name, val, hasVal := strings.Cut(strings.TrimPrefix(args[i], "--"), "=")
		switch {
		case !strings.HasPrefix(args[i], "--"):
			return ExportRequest{}, fmt.Errorf("unexpected argument %q; %s", args[i], ExportUsage)
		case name != "format" && name != "output" && name != "base-url":
			return ExportRequest{}, fmt.Errorf("%s is not a recognized option of session export (see: help session)", name)
		case opts[name] != "":
			return ExportRequest{}, fmt.Errorf("Option %s was given more than once", name)
		}
		if !hasVal {
			if i+1 == len(args) {
				return ExportRequest{}, fmt.Errorf("Option %s requires an argument", name)
			}
			i++
			val = args[i]
		}
		if val == "" {
			return ExportRequest{}, fmt.Errorf("Option %s requires an argument", name)
		}
		opts[name] = val
	}
	if opts["format"] == "" {
		return ExportRequest{}, fmt.Errorf(`Missing required argument "[format]"; %s`, ExportUsage)
	}
	if _, err := Export(File{}, opts["format"], true); err != nil {
		return ExportRequest{}, err
	}
	if opts["base-url"] != "" && opts["format"] != "link" {
		return ExportRequest{}, fmt.Errorf("Option base-url is only for --format link; %s", ExportUsage)
	}
	return ExportRequest{Format: opts["format"], Output: opts["output"], BaseURL: opts["base-url"]}, nil
}

// Export renders a session in one of the export formats; a link is the payload that follows
// LinkFragmentPrefix (LinkURL makes the whole link). With check set it only checks the format's
// name. The browser makes links itself, with its own DEFLATE (link.go).
func Export(f File, format string, check bool) (string, error) {
	switch format {
	case "json", "markdown", "script", "link":
		if check {
			return "", nil
		}
	default:
		return "", fmt.Errorf("unknown export format %q: use json, markdown, script or link", format)
	}
	switch format {
	case "json":
		b, err := EncodeFile(f)
		return string(b), err
	case "markdown":
		return ExportMarkdown(f)
	case "link":
		if encodeLink == nil {
			return "", errors.New("links are made by the browser here")
		}
		return encodeLink(f)
	}
	return ExportScript(f), nil
}
