package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/kafka-playground/playground/engine/session"
)

// importSession reads a saved session for --import: a link copied from the browser (or
// `session export --format link`), given as it is or in a file, a JSON export (it starts with
// `{`), or a script in the command language, which is run once to learn its commands' times.
// Nothing is read past session.MaxFileBytes, so a wrong path to a huge file fails fast.
func importSession(path string) (session.File, error) {
	if payload, ok := session.LinkPayload(path); ok {
		if _, err := os.Stat(path); err != nil { // a file of that name would win
			return session.DecodeLink(payload)
		}
	}
	fh, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return session.File{}, pe.Err
		}
		return session.File{}, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, session.MaxFileBytes+1))
	if err != nil {
		return session.File{}, err
	}
	if len(data) > session.MaxFileBytes {
		return session.File{}, fmt.Errorf("the file is over %d bytes; a session is at most %d (1 MiB)", session.MaxFileBytes, session.MaxFileBytes)
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return session.DecodeFile(data)
	}
	if payload, ok := session.LinkPayload(string(data)); ok {
		return session.DecodeLink(payload)
	}
	return session.StampScript(string(data))
}

// startImported rebuilds the cluster of an imported session and records on after its log. The
// terminal has no timeline, so a session saved while looking at an earlier moment goes on from
// that moment, as acting there in the browser would, and `state --json` shows what the learner
// saw; the later steps are left out, and kafkasim says so. It does not run lessons, and says so
// too.
func startImported(path string, stderr io.Writer) (*terminal, error) {
	f, err := importSession(path)
	if err != nil {
		return nil, err
	}
	cmds := f.Commands
	if total := session.StepCount(cmds); f.Position != nil && *f.Position < total {
		cmds = session.CutAt(cmds, *f.Position)
		fmt.Fprintf(stderr, "kafkasim: %s: the session was being looked at step %d of %d; the terminal goes on from there, without the %d step(s) after it (export it at its end to keep them)\n",
			path, *f.Position, total, total-*f.Position)
	}
	t, err := newTerminal(f.Setup, cmds)
	if err != nil {
		return nil, err
	}
	if f.Lesson != nil {
		fmt.Fprintf(stderr, "kafkasim: %s: lesson %q is not reopened here (kafkasim lesson runs lessons)\n", path, f.Lesson.Slug)
	}
	return t, nil
}
