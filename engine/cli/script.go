package cli

import (
	"strings"
)

// Stmt is one command of a script, with the lines that feed it (the records of a console
// producer) and the line number it started on.
type Stmt struct {
	Line  int
	Text  string
	Input []string
}

// NeedsInput says whether a command line reads records from the lines after it: the console
// producer does, up to an empty line or the end of input, as it reads stdin.
func NeedsInput(line string) bool {
	words, err := Tokenize(line)
	return err == nil && len(words) > 0 && toolName(words[0]) == "kafka-console-producer"
}

// ParseScript splits a script into statements. Blank lines and lines starting with # are
// skipped, except inside a console producer's input, where an empty line ends the input.
func ParseScript(src string) []Stmt {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var out []Stmt
	for i := 0; i < len(lines); i++ {
		text := strings.TrimSpace(lines[i])
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		st := Stmt{Line: i + 1, Text: text}
		if NeedsInput(text) {
			for i+1 < len(lines) && strings.TrimRight(lines[i+1], "\r") != "" {
				i++
				st.Input = append(st.Input, lines[i])
			}
		}
		out = append(out, st)
	}
	return out
}

// toolName turns bin/kafka-topics.sh, kafka-topics.sh and kafka-topics into kafka-topics.
func toolName(w string) string {
	if i := strings.LastIndexAny(w, "/\\"); i >= 0 {
		w = w[i+1:]
	}
	w = strings.TrimSuffix(w, ".sh")
	return strings.TrimSuffix(w, ".bat")
}
