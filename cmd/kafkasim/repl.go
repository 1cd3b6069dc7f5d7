package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
	"golang.org/x/term"
)

const banner = `Kafka playground: a simulated %d-broker Kafka 4.x cluster (seed %d).
Type Kafka commands as you would in a shell, for example:
  kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3
Then try: broker kill 1, settle, state. Type help for everything, exit to leave.
`

// repl runs the interactive playground on a terminal: line editing, history (up/down) and
// tab completion come from golang.org/x/term. Every command is recorded (see terminal), and
// intro, when set, is printed before the banner (what --import loaded).
func repl(sess *terminal, tty *os.File, stdout io.Writer, showEvents bool, intro string) int {
	old, err := term.MakeRaw(int(tty.Fd()))
	if err != nil {
		fmt.Fprintf(stdout, "kafkasim: cannot use the terminal: %v\n", err)
		return 2
	}
	defer term.Restore(int(tty.Fd()), old)
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{tty, stdout}, "kafka> ")
	t.AutoCompleteCallback = complete
	if w, h, err := term.GetSize(int(tty.Fd())); err == nil {
		t.SetSize(w, h) // otherwise long commands wrap at 80 columns
	}
	w := crlf{t}
	cfg := sess.sh.Sim().Config()
	io.WriteString(w, intro)
	fmt.Fprintf(w, banner, cfg.Brokers, cfg.Seed)
	for {
		line, err := t.ReadLine()
		if err != nil {
			fmt.Fprintln(w)
			return 0
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "exit" || line == "quit" {
			return 0
		}
		var input []string
		if cli.NeedsInput(line) {
			t.SetPrompt(">")
			for {
				rec, err := t.ReadLine()
				if err != nil || rec == "" {
					break
				}
				input = append(input, rec)
			}
			t.SetPrompt("kafka> ")
		}
		res := sess.exec(line, input, session.SourceConsole)
		io.WriteString(w, res.Output)
		if showEvents && len(res.Events) > 0 {
			io.WriteString(w, cli.FormatEvents(res.Events))
		}
		if res.Err != nil {
			fmt.Fprintf(w, "ERROR %v\n", res.Err)
		}
	}
}

// crlf turns \n into \r\n, which a terminal in raw mode needs.
type crlf struct{ w io.Writer }

func (c crlf) Write(p []byte) (int, error) {
	_, err := c.w.Write([]byte(strings.ReplaceAll(string(p), "\n", "\r\n")))
	return len(p), err
}

// complete completes command names at the start of a line, --options after a Kafka tool, and
// kafkasim's own `session export --format FORMAT --output FILE`.
func complete(line string, pos int, key rune) (string, int, bool) {
	if key != '\t' || pos != len(line) {
		return "", 0, false
	}
	fields := strings.Fields(line)
	if len(fields) == 0 || len(fields) == 1 && !strings.HasSuffix(line, " ") {
		prefix := ""
		if len(fields) == 1 {
			prefix = fields[0]
		}
		return completeWord(line, prefix, append(cli.CommandNames(), "session"))
	}
	last := fields[len(fields)-1]
	if strings.HasSuffix(line, " ") {
		last = ""
	}
	if fields[0] == "session" {
		return completeSession(line, fields, last)
	}
	if last == "" || !strings.HasPrefix(last, "-") {
		return "", 0, false
	}
	return completeWord(line, last, cli.OptionNames(fields[0]))
}

// completeSession completes the words of `session export`, the one command kafkasim adds.
func completeSession(line string, fields []string, last string) (string, int, bool) {
	done := len(fields) // words already complete
	if last != "" {
		done--
	}
	switch {
	case done == 1:
		return completeWord(line, last, []string{"export"})
	case fields[done-1] == "--format":
		return completeWord(line, last, session.ExportFormats)
	case strings.HasPrefix(last, "-"):
		return completeWord(line, last, []string{"--format", "--output", "--base-url"})
	}
	return "", 0, false
}

func completeWord(line, prefix string, words []string) (string, int, bool) {
	var matches []string
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			matches = append(matches, w)
		}
	}
	if len(matches) == 0 {
		return "", 0, false
	}
	sort.Strings(matches)
	common := matches[0]
	for _, m := range matches[1:] {
		for !strings.HasPrefix(m, common) {
			common = common[:len(common)-1]
		}
	}
	if len(matches) == 1 {
		common += " "
	}
	out := line[:len(line)-len(prefix)] + common
	return out, len(out), true
}
