package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// lineReader is where the tutor reads the learner's lines: the terminal (golang.org/x/term's
// Terminal) or, for scripts and tests, plain standard input.
type lineReader interface {
	ReadLine() (string, error)
	SetPrompt(string)
}

// scanReader reads lines from a non-terminal input and echoes each after its prompt, so that
// a transcript of a scripted session reads like the interactive one.
type scanReader struct {
	sc     *bufio.Scanner
	echo   io.Writer
	prompt string
}

func newScanReader(r io.Reader, echo io.Writer) *scanReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	return &scanReader{sc: sc, echo: echo}
}

func (s *scanReader) SetPrompt(p string) { s.prompt = p }

func (s *scanReader) ReadLine() (string, error) {
	if !s.sc.Scan() {
		if err := s.sc.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	line := strings.TrimRight(s.sc.Text(), "\r")
	fmt.Fprintf(s.echo, "%s%s\n", s.prompt, line)
	return line, nil
}

// wrap breaks text into lines of at most width columns at spaces, indenting every line. Lines
// of a paragraph are joined first, as Markdown does, and blank lines separate paragraphs:
// narration is written as flowing text, and a terminal shows it best as a short column.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString("\n\n")
		}
		col := 0
		for j, word := range strings.Fields(para) {
			switch {
			case j == 0:
				b.WriteString(indent)
				col = len(indent)
			case col+1+len(word) > width:
				b.WriteString("\n" + indent)
				col = len(indent)
			default:
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += len(word)
		}
	}
	return b.String() + "\n"
}
