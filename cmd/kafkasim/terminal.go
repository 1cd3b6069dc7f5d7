package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
)

// terminal is the engine's shell as kafkasim runs it: every command is recorded as the
// session (setup and command log, the same data the browser keeps), so that `session export`
// can save it and `--import` can carry it on later. kafkasim's own commands (`session ...`)
// are not recorded: they look at the session rather than change the cluster.
type terminal struct {
	sh    *cli.Shell
	setup session.Setup
	log   []session.Command
}

func newTerminal(setup session.Setup, log []session.Command) (*terminal, error) {
	sh, err := session.Replay(setup, log)
	if err != nil {
		return nil, err
	}
	return &terminal{sh: sh, setup: setup, log: slices.Clip(log)}, nil
}

// exec runs one command line, kafkasim's own or the engine's, and records the engine's with
// the simulated time it started at and whether it failed (a failed command changed nothing,
// but it is part of the story an export tells).
func (t *terminal) exec(line string, input []string, src session.Source) cli.Result {
	if words, err := cli.Tokenize(line); err == nil && len(words) > 0 {
		switch {
		case words[0] == "session":
			return t.session(words[1:])
		case len(words) == 2 && words[0] == "help" && words[1] == "session":
			return cli.Result{Output: session.ExportHelp}
		}
	}
	before := t.sh.Sim().Now()
	res := t.sh.Exec(line, input)
	if len(input) == 0 {
		input = nil
	}
	t.log = append(t.log, session.Command{Line: line, Input: input, Source: src, Tick: before, Failed: res.Err != nil})
	if strings.TrimSpace(line) == "help" && res.Err == nil {
		res.Output += fmt.Sprintf("kafkasim:\n  %-24s %s\n", "session", session.ExportSummary)
	}
	return res
}

// file is the session recorded so far.
func (t *terminal) file() session.File {
	return session.File{Format: session.Format, Version: session.Version, Setup: t.setup, Commands: slices.Clone(t.log)}
}

// run executes a script as cli.Shell.Run does, with the same output, through exec so that it
// is recorded and can use kafkasim's own commands.
func (t *terminal) run(src string, w io.Writer, opt cli.Options) error {
	return cli.RunScript(src, w, opt, func(line string, input []string) cli.Result {
		return t.exec(line, input, session.SourceScript)
	})
}
