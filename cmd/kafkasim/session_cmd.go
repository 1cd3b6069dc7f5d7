package main

import (
	"fmt"
	"os"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
)

// session runs `session ...`, kafkasim's own command. Errors are worded like the Kafka tools'
// (joptsimple's), as every other command's are.
func (t *terminal) session(args []string) cli.Result {
	req, err := session.ParseExport(args)
	if err != nil {
		return cli.Result{Err: err}
	}
	body, err := session.Export(t.file(), req.Format, false)
	if err != nil {
		return cli.Result{Err: err}
	}
	if req.Format == "link" {
		base := req.BaseURL
		if base == "" {
			base = session.DefaultBaseURL
		}
		body = session.LinkURL(base, body) + "\n"
	}
	out := req.Output
	if out == "" {
		return cli.Result{Output: body}
	}
	if err := os.WriteFile(out, []byte(body), 0o644); err != nil {
		return cli.Result{Err: fmt.Errorf("cannot write the export: %v", err)}
	}
	return cli.Result{Output: fmt.Sprintf("Exported the session (%d command(s)) as %s to %s.\n", len(t.log), req.Format, out)}
}
