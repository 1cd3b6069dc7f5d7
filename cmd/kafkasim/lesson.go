package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/lessons"
	"golang.org/x/term"
)

// runLesson is `kafkasim lesson`: without an argument it lists the lessons, with a number (or a
// slug such as demo-failover) it runs one at the prompt.
func runLesson(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kafkasim lesson", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quiet := fs.Bool("quiet", false, "do not print the events each command causes")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kafkasim lesson            list the lessons")
		fmt.Fprintln(stderr, "       kafkasim lesson [--quiet] N  run lesson N (or a demo by name, such as demo-failover)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch fs.NArg() {
	case 0:
		if err := listLessons(stdout); err != nil {
			fmt.Fprintf(stderr, "kafkasim: %v\n", err)
			return 1
		}
		return 0
	case 1:
	default:
		fmt.Fprintf(stderr, "kafkasim lesson: one lesson at a time, not %q\n", fs.Args())
		return 2
	}
	l, err := findLesson(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "kafkasim lesson: %v (kafkasim lesson lists them)\n", err)
		return 2
	}
	sh, err := cli.New(engine.DefaultConfig())
	if err != nil {
		fmt.Fprintf(stderr, "kafkasim: %v\n", err)
		return 2
	}
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return tutorOnTerminal(l, sh, f, stdout, !*quiet)
	}
	t := newTutor(l, sh, newScanReader(stdin, stdout), stdout, !*quiet, 80)
	return t.teach()
}

func findLesson(arg string) (lessons.Lesson, error) {
	if n, err := strconv.Atoi(arg); err == nil {
		return lessons.ByNumber(n)
	}
	return lessons.BySlug(arg)
}

func listLessons(w io.Writer) error {
	all, err := lessons.All()
	if err != nil {
		return err
	}
	demos, err := lessons.Demos()
	if err != nil {
		return err
	}
	width := 0
	for _, l := range append(all, demos...) {
		width = max(width, len(l.Title))
	}
	fmt.Fprintln(w, "Lessons (kafkasim lesson N runs one):")
	for _, l := range all {
		fmt.Fprintf(w, "  %2d  %-*s  %d objectives, %d steps\n", l.Number, width, l.Title, len(l.Objectives), len(l.Steps))
	}
	if len(demos) > 0 {
		fmt.Fprintln(w, "Classroom demos (kafkasim lesson NAME):")
		for _, l := range demos {
			fmt.Fprintf(w, "  %s  %s, %d beats\n", l.Slug, l.Title, len(l.Steps))
		}
	}
	return nil
}

// tutorOnTerminal runs a lesson on an interactive terminal, with the REPL's line editing,
// history and completion.
func tutorOnTerminal(l lessons.Lesson, sh *cli.Shell, tty *os.File, stdout io.Writer, events bool) int {
	old, err := term.MakeRaw(int(tty.Fd()))
	if err != nil {
		fmt.Fprintf(stdout, "kafkasim: cannot use the terminal: %v\n", err)
		return 2
	}
	defer term.Restore(int(tty.Fd()), old)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{tty, stdout}, "lesson> ")
	t.AutoCompleteCallback = complete
	width := 80
	if w, h, err := term.GetSize(int(tty.Fd())); err == nil {
		t.SetSize(w, h)
		width = min(max(w-1, 40), 100)
	}
	return newTutor(l, sh, t, crlf{t}, events, width).teach()
}
