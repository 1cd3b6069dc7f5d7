package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Size caps of a session file. A file may come from anyone (a shared link, a download, an
// email), so every size is bounded before anything runs: a hostile or damaged file gets an
// error, never a frozen tab or a machine out of memory. The caps are far above what a learner
// makes: an hour of busy play is a few thousand commands and well under 1 MiB.
const (
	// MaxFileBytes bounds the JSON of a session (and the decompressed body of a link), so that
	// reading one never holds more than this in memory.
	MaxFileBytes = 1 << 20
	// MaxCommands bounds the command log, and so the work of replaying it.
	MaxCommands = 20_000
	// MaxLineBytes bounds a command line and each input line: longer than any command a person
	// types or any record value a lesson uses, short enough that a log of them fits the file.
	MaxLineBytes = 4 << 10
	// MaxInputLines bounds the records one console producer command reads.
	MaxInputLines = 10_000
)

// errNotSession is what a reader says about a file that is not a session at all, before any
// detail, so that the learner knows they picked the wrong file rather than a damaged one.
const errNotSession = "this is not a Kafka playground session file"

// errFileTooBig is EncodeFile's refusal to write a file that DecodeFile would refuse to read.
var errFileTooBig = errors.New("the session is too big to save")

// EncodeFile renders a session file as indented JSON, with Format and Version filled in. It
// validates the file first and refuses one that DecodeFile would refuse, so that everything
// exported can be imported again.
func EncodeFile(f File) ([]byte, error) {
	f.Format, f.Version = Format, Version
	if err := f.Validate(); err != nil {
		return nil, err
	}
	b, err := marshal(f, true)
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("%w: it is %d bytes of JSON, over the %d a session file may have", errFileTooBig, len(b), MaxFileBytes)
	}
	return b, nil
}

// marshal is JSON without HTML escaping (a session file is never pasted into a page, and
// `<` reads better than `\u003c` in a command), indented for files and compact for links.
func marshal(f File, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if !indent {
		buf.Truncate(buf.Len() - 1) // the encoder's newline
	}
	return buf.Bytes(), nil
}

// DecodeFile reads a session file and checks everything that can be checked without running
// it: the format, the version, the setup, the sizes, the ticks, the position and the lesson.
// It does not run the commands; Replay (or Load) does, and fails on a command that fails.
// Errors say what is wrong in words a learner can act on; no input makes it panic.
func DecodeFile(data []byte) (File, error) {
	if len(data) > MaxFileBytes {
		return File{}, fmt.Errorf("the session file is %d bytes; a session file is at most %d (1 MiB)", len(data), MaxFileBytes)
	}
	if !json.Valid(data) {
		return File{}, fmt.Errorf("%s (it is not JSON)", errNotSession)
	}
	var head struct {
		Format  any `json:"format"`
		Version any `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return File{}, fmt.Errorf("%s (it is not a JSON object)", errNotSession)
	}
	if head.Format != Format {
		if head.Format == nil {
			return File{}, fmt.Errorf("%s (it has no \"format\": %q)", errNotSession, Format)
		}
		return File{}, fmt.Errorf("%s (its format is %s, not %q)", errNotSession, jsonText(head.Format), Format)
	}
	if err := checkVersion(head.Version); err != nil {
		return File{}, err
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return File{}, fmt.Errorf("the session file is damaged: %v", err)
	}
	for i := range f.Commands {
		if len(f.Commands[i].Input) == 0 {
			f.Commands[i].Input = nil // `"input": []` and no input are the same thing
		}
	}
	if err := f.Validate(); err != nil {
		return File{}, err
	}
	return f, nil
}

// checkVersion names the version a file was made with when this playground cannot read it.
func checkVersion(v any) error {
	n, ok := v.(float64)
	switch {
	case v == nil:
		return errors.New("the session file has no \"version\"; it was not made by the playground")
	case !ok:
		return fmt.Errorf("the session file's version %s is not a number", jsonText(v))
	case n == Version:
		return nil
	case n > Version:
		return fmt.Errorf("this session file was made by a newer version of the playground (session format version %s; this playground reads version %d): open it there, or update this one",
			strconv.FormatFloat(n, 'f', -1, 64), Version)
	}
	return fmt.Errorf("unknown session format version %s (this playground reads version %d)", strconv.FormatFloat(n, 'f', -1, 64), Version)
}

// jsonText shows a decoded JSON value as it was written, shortened, for an error message.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 40 {
		return string(b[:37]) + "..."
	}
	return string(b)
}

// Validate checks what DecodeFile checks after parsing: the setup, the caps, the ticks, the
// position and the lesson. Format and Version are the reader's business and are not checked.
func (f File) Validate() error {
	if err := f.Setup.Validate(); err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	if len(f.Commands) > MaxCommands {
		return fmt.Errorf("the session has %d commands; a session has at most %d", len(f.Commands), MaxCommands)
	}
	var steps int64
	for i, c := range f.Commands {
		if err := c.validate(); err != nil {
			return fmt.Errorf("command %d: %w", i+1, err)
		}
		// A clock entry is at most MaxInt64 ticks, but many of them could add up past it.
		if n := c.Steps(); steps > 1<<62-n {
			return fmt.Errorf("command %d: the session is longer than %d steps", i+1, int64(1<<62))
		}
		steps += c.Steps()
	}
	if p := f.Position; p != nil && (*p < 0 || *p > steps) {
		return fmt.Errorf("position %d is outside the session, whose steps are 0 to %d", *p, steps)
	}
	if l := f.Lesson; l != nil {
		if err := l.validate(); err != nil {
			return fmt.Errorf("lesson: %w", err)
		}
	}
	return nil
}

func (c Command) validate() error {
	if err := checkText("the line", c.Line); err != nil {
		return err
	}
	if len(c.Input) > MaxInputLines {
		return fmt.Errorf("%d input lines; a command reads at most %d", len(c.Input), MaxInputLines)
	}
	for j, in := range c.Input {
		if err := checkText(fmt.Sprintf("input line %d", j+1), in); err != nil {
			return err
		}
	}
	switch c.Source {
	case "", SourceConsole, SourceUI, SourceLesson, SourceScript:
	case SourceClock:
		if _, ok := ClockTicks(c.Line); !ok {
			return fmt.Errorf("the clock's entry %q is not `tick N`", c.Line)
		}
	default:
		return fmt.Errorf("unknown source %q (known: console, ui, clock, lesson, script)", string(c.Source))
	}
	if c.Tick < 0 {
		return fmt.Errorf("tick %d is negative: a command cannot run before the start", c.Tick)
	}
	return nil
}

// checkText holds a line to what a script can carry, so that every session can be written as
// a script and read back: bounded, one line, valid UTF-8.
func checkText(what, s string) error {
	switch {
	case len(s) > MaxLineBytes:
		return fmt.Errorf("%s is %d bytes; a line is at most %d", what, len(s), MaxLineBytes)
	case strings.ContainsAny(s, "\n\r"):
		return fmt.Errorf("%s has a line break in it", what)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8", what)
	}
	return nil
}

func (l LessonMark) validate() error {
	switch {
	case l.Slug == "":
		return errors.New("no lesson slug")
	case len(l.Slug) > MaxLineBytes || len(l.Digest) > MaxLineBytes:
		return fmt.Errorf("the slug or digest is over %d bytes", MaxLineBytes)
	case l.Step < 0:
		return fmt.Errorf("step %d is negative", l.Step)
	case len(l.Passed) != len(l.Answers):
		return fmt.Errorf("%d steps passed but %d answers: there must be one of each per step", len(l.Passed), len(l.Answers))
	case l.Step >= len(l.Passed):
		return fmt.Errorf("step %d is past the lesson's %d step(s)", l.Step, len(l.Passed))
	case l.EventsSeen < 0:
		return fmt.Errorf("events seen %d is negative", l.EventsSeen)
	}
	return nil
}
