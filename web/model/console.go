package model

import (
	"slices"
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
)

// MaxHistory is how many command lines the console remembers for ↑ and ↓.
const MaxHistory = 200

// History is the console's command history with a shell's ↑/↓ semantics: ↑ walks back from the
// newest line, ↓ walks forward, and ↓ past the newest gives back what was being typed before ↑
// was first pressed (the draft). The zero value is an empty history.
type History struct {
	lines []string
	pos   int // index of the line shown while browsing; len(lines) when not browsing
	draft string
}

// Add records a line that was run and stops browsing. Empty lines and repeats of the newest
// line are not recorded, as bash's ignoreboth does, so ↑ never shows the same line twice.
func (h *History) Add(line string) {
	h.pos, h.draft = len(h.lines), ""
	if strings.TrimSpace(line) == "" || len(h.lines) > 0 && h.lines[len(h.lines)-1] == line {
		return
	}
	h.lines = append(h.lines, line)
	if over := len(h.lines) - MaxHistory; over > 0 {
		h.lines = append(h.lines[:0:0], h.lines[over:]...)
	}
	h.pos = len(h.lines)
}

// Prev is ↑: the line before the one shown. current is what the input holds now; when browsing
// starts it is kept as the draft that ↓ returns to. At the oldest line Prev stays there; with
// no history it returns current unchanged.
func (h *History) Prev(current string) string {
	if len(h.lines) == 0 {
		return current
	}
	if !h.Browsing() {
		h.pos, h.draft = len(h.lines), current
	}
	if h.pos > 0 {
		h.pos--
	}
	return h.lines[h.pos]
}

// Next is ↓: the line after the one shown, or the draft after the newest (which also ends
// browsing). When not browsing there is nothing below, and Next returns the draft last kept:
// callers that cannot tell should check Browsing first and leave the input alone.
func (h *History) Next() string {
	if !h.Browsing() {
		return h.draft
	}
	h.pos++
	if h.pos == len(h.lines) {
		return h.draft
	}
	return h.lines[h.pos]
}

// Browsing reports whether ↑ has moved into the history since the last Add or return to the draft.
func (h *History) Browsing() bool { return h.pos >= 0 && h.pos < len(h.lines) }

// Lines is the history, oldest first.
func (h *History) Lines() []string { return append([]string(nil), h.lines...) }

// subcommands are the verbs of the simulation commands, from their usage in engine/cli, so that
// "broker <Tab>" lists what can be done to a broker.
var subcommands = map[string][]string{
	"broker":     {"add", "heal", "isolate", "kill", "slow", "start", "stop"},
	"controller": {"heal", "isolate", "kill", "start", "stop"},
	"consumer":   {"add", "commit", "kill", "poll", "resume", "slow", "stop"},
	"producer":   {"add", "kill", "rate", "send", "stop"},
}

// Complete is Tab in the console. In the first word it completes a command name (the Kafka
// tools with their .sh, as the docs write them); after a Kafka tool, an --option of that tool;
// after help, a command name; after broker, controller, producer or consumer, the verb. One
// match is completed with a space after it; several are completed to their longest common
// prefix and returned, sorted, for the console to list (after a space, with nothing typed,
// they are only listed). A word inside quotes, or one that is already option=value, is left
// alone.
func Complete(line string) (completed string, candidates []string) {
	start := len(line)
	for start > 0 && !isSpace(line[start-1]) {
		start--
	}
	prefix, word := line[:start], line[start:]
	if strings.ContainsAny(word, `'"\=`) || escapedSpaceAt(line, start-1) {
		return line, nil
	}
	before, err := cli.Tokenize(prefix)
	if err != nil { // the word is inside an open quote
		return line, nil
	}
	var pool []string
	switch {
	case len(before) == 0:
		pool = commandWords()
	case len(before) == 1 && toolName(before[0]) == "help":
		pool = commandWords()
	case strings.HasPrefix(toolName(before[0]), "kafka-") && isCommand(before[0]):
		if word != "" && !strings.HasPrefix(word, "-") {
			return line, nil // a value (a topic name, a number), not an option
		}
		pool = cli.OptionNames(before[0])
	case len(before) == 1:
		pool = subcommands[before[0]]
	}
	for _, c := range pool {
		if strings.HasPrefix(c, word) {
			candidates = append(candidates, c)
		}
	}
	sort.Strings(candidates)
	switch {
	case len(candidates) == 0:
		return line, nil
	case len(candidates) == 1:
		return prefix + candidates[0] + " ", candidates
	case word == "":
		// Nothing typed yet: list what can come, but insert nothing; the common prefix of
		// every option is "--", which would only get in the way of typing a value.
		return line, candidates
	}
	return prefix + longestCommonPrefix(candidates), candidates
}

// commandWords are the command names as a learner types them: kafka-topics.sh, broker, and
// `session`, which the console answers itself (session export).
func commandWords() []string {
	names := consoleCommands()
	out := make([]string, len(names))
	for i, n := range names {
		if strings.HasPrefix(n, "kafka-") {
			n += ".sh"
		}
		out[i] = n
	}
	return out
}

// consoleCommands are the language's commands and the console's own, sorted.
func consoleCommands() []string {
	names := append(cli.CommandNames(), "session")
	slices.Sort(names)
	return names
}

func isCommand(word string) bool {
	name := toolName(word)
	for _, n := range consoleCommands() {
		if n == name {
			return true
		}
	}
	return false
}

// toolName strips a path and .sh, as the shell does: bin/kafka-topics.sh is kafka-topics.
func toolName(w string) string {
	if i := strings.LastIndexAny(w, `/\`); i >= 0 {
		w = w[i+1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(w, ".sh"), ".bat")
}

// escapedSpaceAt reports whether the space at i is escaped by a backslash (an odd run of them),
// which makes it part of the word being typed rather than the end of the one before.
func escapedSpaceAt(line string, i int) bool {
	n := 0
	for i-1-n >= 0 && line[i-1-n] == '\\' {
		n++
	}
	return i >= 0 && n%2 == 1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func longestCommonPrefix(words []string) string {
	p := words[0]
	for _, w := range words[1:] {
		n := 0
		for n < len(p) && n < len(w) && p[n] == w[n] {
			n++
		}
		p = p[:n]
	}
	return p
}
