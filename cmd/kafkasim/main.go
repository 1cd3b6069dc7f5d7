// Command kafkasim is the terminal playground: an interactive REPL, or a script runner for
// files written in the playground's command language (the real Kafka CLI tools plus
// simulation verbs).
//
//	kafkasim                      interactive, 3 brokers, seed 1
//	kafkasim --seed 7 --brokers 5
//	kafkasim -f failover.kafka    run a script; stops at the first command that cannot run
//	kafkasim < failover.kafka     the same, from standard input
//	kafkasim --import saved.json  go on from a saved session (a JSON export, a script or a link)
//	kafkasim lesson               list the guided lessons; kafkasim lesson 9 runs one
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
	"golang.org/x/term"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "lesson" {
		return runLesson(args[1:], stdin, stdout, stderr)
	}
	fs := flag.NewFlagSet("kafkasim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "seed of the simulation's random choices")
	brokers := fs.Int("brokers", 3, "number of brokers (1-12)")
	controllers := fs.Int("controllers", 3, "number of KRaft controllers (1, 3 or 5)")
	file := fs.String("f", "", "run this script (- for standard input) instead of the REPL")
	keepGoing := fs.Bool("keep-going", false, "in a script, go on after a command that cannot run")
	echo := fs.Bool("echo", false, "in a script, print each command before its output")
	events := fs.Bool("events", false, "in a script, print the events each command caused (the REPL always does)")
	quiet := fs.Bool("quiet", false, "in the REPL, do not print events")
	imported := fs.String("import", "", "start from a saved session: a JSON export (session export --format json), a script, or a link from the browser (a URL with #session=, or a file holding one)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kafkasim [--seed N] [--brokers N] [--controllers N] [--import FILE] [-f SCRIPT [--keep-going] [--echo] [--events]]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kafkasim: unexpected argument %q (scripts are given with -f)\n", fs.Arg(0))
		return 2
	}
	var t *terminal
	intro := ""
	if *imported != "" {
		shaped := false
		fs.Visit(func(f *flag.Flag) {
			shaped = shaped || f.Name == "seed" || f.Name == "brokers" || f.Name == "controllers"
		})
		if shaped {
			fmt.Fprintln(stderr, "kafkasim: --import starts from the saved session's own cluster; --seed, --brokers and --controllers cannot be used with it")
			return 2
		}
		var err error
		if t, err = startImported(*imported, stderr); err != nil {
			fmt.Fprintf(stderr, "kafkasim: %s: %v\n", *imported, err)
			return 1
		}
		intro = fmt.Sprintf("Imported %s: %d command(s), now at %s.\n", *imported, len(t.log), engine.FormatSimTime(t.sh.Sim().NowMs()))
	} else {
		cfg := engine.DefaultConfig()
		cfg.Seed, cfg.Brokers, cfg.Controllers = *seed, *brokers, *controllers
		sh, err := cli.New(cfg)
		if err != nil {
			fmt.Fprintf(stderr, "kafkasim: %v\n", err)
			return 2
		}
		t = &terminal{sh: sh, setup: session.SetupOf(cfg)}
	}
	if *file == "" {
		if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return repl(t, f, stdout, !*quiet, intro)
		}
		*file = "-"
	}
	var src []byte
	var err error
	if *file == "-" {
		src, err = io.ReadAll(stdin)
	} else {
		src, err = os.ReadFile(*file)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kafkasim: %v\n", err)
		return 2
	}
	if err := t.run(string(src), stdout, cli.Options{KeepGoing: *keepGoing, Echo: *echo, Events: *events}); err != nil {
		fmt.Fprintf(stderr, "kafkasim: %v\n", err)
		return 1
	}
	return 0
}
