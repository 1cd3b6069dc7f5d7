package web

import (
	"sync/atomic"

	"github.com/kafka-playground/playground/lessons"
)

// Classroom mode is the presenter layout for a projector: large type, high contrast, the
// playground's chrome hidden, the narration on top of the cluster. The arrow keys and a
// clicker's PageUp/PageDown step through a lesson beat by beat (the failover demo unless the
// link names another). Going back replays the lesson to the previous beat, so that what the
// room sees is always exactly what the students' link rebuilds.

// presenting mirrors classroom mode for IsShortcut. The browser decides whether a key is a
// shortcut inside the key event, synchronously and without the EventEnv lock, so it cannot
// read the App; classroom mode is page-wide, and this flag is what the key listener can see.
var presenting atomic.Bool

// ToggleClassroom enters or leaves classroom mode (the header's Classroom button).
func (a *App) ToggleClassroom() { a.SetClassroom(!a.Lesson.Classroom) }

// SetClassroom enters classroom mode with the failover demo (from its first beat, unless it is
// open already), or leaves it; the lesson stays open in the ordinary layout.
func (a *App) SetClassroom(on bool) {
	if !on {
		a.Lesson.Classroom = false
		presenting.Store(false)
		return
	}
	a.Lesson.ShowPicker, a.ShowHelp, a.ShowNewTopic, a.MenuBroker = false, false, false, -1
	if r := a.Lesson.Run; r == nil || r.Lesson().Slug != ClassroomDemo {
		l, err := lessons.BySlug(ClassroomDemo)
		if err != nil {
			a.Lesson.Notice = err.Error()
			return
		}
		a.StartLesson(l, 0)
	}
	a.presentRun()
}

// presentRun switches the open lesson to the presenter layout. The clock stops: every beat
// brings its own time (`settle`), and a clock left running would make the room's cluster drift
// from the students' link.
func (a *App) presentRun() {
	if a.Lesson.Run == nil {
		return
	}
	if a.S.Playing {
		a.TogglePlay()
	}
	a.Lesson.Classroom = true
	presenting.Store(true)
}

// ClassroomBack goes back one beat by replaying the lesson to it.
func (a *App) ClassroomBack() {
	r := a.Lesson.Run
	if r == nil || r.Index() == 0 {
		return
	}
	a.StartLesson(r.Lesson(), r.Index()-1)
	a.presentRun()
}

// qrCache keeps the students' link's QR code: it changes only with the beat.
type qrCache struct{ text, dataURL string }

// StudentsQR is the students' link as a QR code, a data: URL for an <img>, or "" if it cannot be
// drawn.
func (a *App) StudentsQR() string {
	link := a.StudentsLink()
	if link == "" {
		return ""
	}
	if a.Lesson.qr.text != link {
		u, err := QRDataURL(link)
		if err != nil {
			u = ""
		}
		a.Lesson.qr = qrCache{text: link, dataURL: u}
	}
	return a.Lesson.qr.dataURL
}
