package web

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/session"
	"github.com/kafka-playground/playground/lessons"
)

// Sharing and exporting. A session is data (engine/session): the setup, the command log and
// the position, plus the lesson open. A link carries it in the page's fragment (#session=…),
// which browsers never send to a server, so a shared run stays between the people who share
// it. Opening one rebuilds the run by replaying its commands: nothing but commands of the
// command language ever runs.

// ShareState is the share and export controls' state.
type ShareState struct {
	Link       string // the last link made, shown in a box so it can be copied by hand
	LinkNote   string // its length and whether the clipboard took it, or why there is none
	ShowExport bool   // the Export menu is open
}

// MaxImportBytes bounds a file the learner imports, before any parsing.
const MaxImportBytes = session.MaxFileBytes

// SessionFile is the session as data, with the lesson open and where the learner is in it.
func (a *App) SessionFile() session.File {
	f := a.S.File()
	if r := a.Lesson.Run; r != nil && r.Started() {
		p := r.Progress()
		f.Lesson = &session.LessonMark{Slug: p.Lesson, Digest: p.Digest, Step: p.Step, Passed: p.Passed,
			Answers: p.Answers, EventsSeen: r.StepEventsSince()}
	}
	return f
}

// CopyLink makes the link that opens this session at this moment, shows it, and puts it on
// the clipboard when the browser lets it. The browser compresses it a moment later.
func (a *App) CopyLink() {
	a.Guard(func() {
		a.Share.LinkNote = "Making the link…"
		a.makeLink(a.Lesson.BaseURL, func(link string, err error) {
			if err != nil {
				a.Share.Link, a.Share.LinkNote = "", "No link: "+err.Error()
				return
			}
			a.Share.Link = link
			a.Share.LinkNote = fmt.Sprintf("%d characters.", len(link))
			if a.Host.CopyText(link) == nil {
				a.Share.LinkNote += " Sent to the clipboard."
			}
		})
	})
}

// makeLink makes the link that opens this session at this moment in the playground at base,
// and hands it to done once the browser has compressed it, under the lock.
func (a *App) makeLink(base string, done func(link string, err error)) {
	js, err := session.LinkJSON(a.SessionFile())
	if err == nil && a.Host == nil {
		err = errors.New("this page cannot compress links")
	}
	if err != nil {
		done("", err)
		return
	}
	a.Host.Deflate(js, func(deflated []byte, err error) {
		a.Guard(func() {
			payload := ""
			if err == nil {
				payload, err = session.WrapLink(deflated)
			}
			if err != nil {
				done("", err)
				return
			}
			done(session.LinkURL(base, payload), nil)
		})
	})
}

// Export downloads the session as JSON (which Import and `kafkasim --import` read back), as a
// Markdown report, or as a script that `kafkasim -f` replays. The console shows the kafkasim
// command that writes the same file, so the terminal is never more than one step away.
func (a *App) Export(format string) {
	a.Guard(func() {
		name, mime, body, err := exportAs(a.SessionFile(), format)
		if err != nil {
			a.S.Print("err", "Error: "+err.Error())
			return
		}
		a.S.Print("cmd", "session export --format "+format+" --output "+name)
		if a.Host == nil {
			return
		}
		if err := a.Host.Download(name, mime, body); err != nil {
			a.S.Print("err", "Error: the browser refused the download: "+err.Error())
			return
		}
		a.S.Print("out", fmt.Sprintf("Downloaded %s (%d bytes).", name, len(body)))
	})
}

// exportNames are the file names and types of the export formats.
var exportNames = map[string][2]string{
	"json":     {"kafka-session.json", "application/json"},
	"markdown": {"kafka-session.md", "text/markdown"},
	"script":   {"kafka-session.kafka", "text/plain"},
}

// exportAs renders a session file in one of the export formats.
func exportAs(f session.File, format string) (name, mime, body string, err error) {
	body, err = session.Export(f, format, false)
	n := exportNames[format]
	return n[0], n[1], body, err
}

// SessionCommand answers `session export --format F [--output FILE]` typed in the console, as
// kafkasim does: the export is printed, or downloaded under FILE's name.
func (a *App) SessionCommand(line string, args []string) {
	a.S.Print("cmd", line)
	req, err := session.ParseExport(args)
	if err != nil {
		a.S.Print("err", "Error: "+err.Error())
		return
	}
	if req.Format == "link" {
		a.linkCommand(req)
		return
	}
	if req.Output == "" {
		body, err := session.Export(a.SessionFile(), req.Format, false)
		if err != nil {
			a.S.Print("err", "Error: "+err.Error())
			return
		}
		a.S.Print("out", strings.TrimRight(body, "\n"))
		return
	}
	_, mime, body, err := exportAs(a.SessionFile(), req.Format)
	if err == nil && a.Host != nil {
		err = a.Host.Download(req.Output, mime, body)
	}
	if err != nil {
		a.S.Print("err", "Error: "+err.Error())
		return
	}
	a.S.Print("out", fmt.Sprintf("Downloaded %s (%d bytes).", req.Output, len(body)))
}

// linkCommand answers `session export --format link`: the link is printed, or downloaded as a
// one-line text file, once the browser has compressed it.
func (a *App) linkCommand(req session.ExportRequest) {
	base := req.BaseURL
	if base == "" {
		base = a.Lesson.BaseURL
	}
	a.makeLink(base, func(link string, err error) {
		if err == nil && req.Output != "" {
			err = a.Host.Download(req.Output, "text/plain", link+"\n")
		}
		switch {
		case err != nil:
			a.S.Print("err", "Error: "+err.Error())
		case req.Output != "":
			a.S.Print("out", fmt.Sprintf("Downloaded %s (%d characters).", req.Output, len(link)))
		default:
			a.S.Print("out", link)
		}
	})
}

// Import asks the browser for a file and opens it.
func (a *App) Import() {
	if a.Host != nil {
		a.Host.PickFile(".json,.kafka,.txt,.sh", a.ImportText)
	}
}

// ImportText opens an imported file: a JSON export or a script in the command language. A file
// that cannot be opened leaves the session as it was and says why.
func (a *App) ImportText(name, content string, readErr error) {
	a.Guard(func() {
		fail := func(err error) {
			a.Lesson.Notice = fmt.Sprintf("%s could not be imported: %v. Your session is as it was.", name, err)
		}
		if readErr != nil {
			fail(readErr)
			return
		}
		f, err := DecodeSessionText(content)
		if err != nil {
			fail(err)
			return
		}
		if err := a.openSession(f); err != nil {
			fail(err)
			return
		}
		a.S.Print("out", fmt.Sprintf("Imported %s: %d command(s), now at %s.", name, len(f.Commands), engine.FormatSimTime(a.S.Sim().NowMs())))
	})
}

// DecodeSessionText reads a session export or a script, by its first character.
func DecodeSessionText(content string) (session.File, error) {
	if len(content) > MaxImportBytes {
		return session.File{}, fmt.Errorf("the file is %d bytes; sessions are at most %d", len(content), MaxImportBytes)
	}
	if strings.HasPrefix(strings.TrimSpace(content), "{") {
		return session.DecodeFile([]byte(content))
	}
	return session.StampScript(content) // errors name the script's line
}

// OpenFromFragment opens the session a link carries, if the page's fragment has one, and
// reports whether it has one. The browser decompresses it, and the session opens a moment
// later. A link that is damaged, cut short, too long or from another version opens nothing:
// the learner gets the fresh cluster and a notice saying what was wrong.
func (a *App) OpenFromFragment(fragment string) bool {
	enc, ok := strings.CutPrefix(fragment, session.LinkFragmentPrefix)
	if !ok {
		return false
	}
	a.Guard(func() {
		raw, err := session.UnwrapLink(enc)
		if err == nil && a.Host == nil {
			err = errors.New("this page cannot decompress links")
		}
		if err != nil {
			a.linkRefused(err)
			return
		}
		a.Host.Inflate(raw, session.MaxFileBytes, func(js []byte, err error) {
			a.Guard(func() {
				f, err := session.LinkFile(js, err)
				if err == nil {
					err = a.openSession(f)
				}
				if err != nil {
					a.linkRefused(err)
				}
			})
		})
	})
	return true
}

// linkRefused says why a link did not open. At start-up the page has only its fresh cluster; a
// link pasted into an open page leaves the learner's session as it was.
func (a *App) linkRefused(err error) {
	what := "Here is a fresh cluster instead."
	if len(a.S.Commands()) > 0 {
		what = "Your session is as it was."
	}
	a.Lesson.Notice = "This link cannot be opened: " + err.Error() + ". " + what
}

// openSession replaces the run with f's, and reopens its lesson where it was.
func (a *App) openSession(f session.File) error {
	if err := a.S.Load(f); err != nil {
		return err
	}
	a.closeRun()
	if f.Lesson != nil {
		if err := a.adoptLesson(*f.Lesson); err != nil {
			a.Lesson.Notice = "The session opened, but not its lesson: " + err.Error() + "."
		}
	}
	a.Share = ShareState{}
	a.afterTravel()
	return nil
}

// adoptLesson reopens a shared session's lesson at its step, on the cluster the session's
// replay rebuilt.
func (a *App) adoptLesson(m session.LessonMark) error {
	l, err := lessons.BySlug(m.Slug)
	if err != nil {
		return err
	}
	r := a.newRun(l)
	p := lessons.Progress{Lesson: m.Slug, Digest: m.Digest, Step: m.Step, Passed: m.Passed, Answers: m.Answers}
	if err := r.Adopt(p, m.EventsSeen); err != nil {
		a.Lesson.Run = nil
		return err
	}
	return nil
}
