package web

import (
	"fmt"
	"html"
	"strings"

	"github.com/kafka-playground/playground/web/model"
)

// The console scrollback and the event log grow by a few lines at a time, all session long.
// Vugu would rebuild and re-sync every line on every render, so the wasm side draws them
// incrementally instead: each frame it asks for a Feed of what is new since its cursor and
// inserts that HTML, which is built (and escaped) here, where it is tested.

// Feed is what an incremental list must do: start again (Reset) and/or add HTML.
type Feed struct {
	Reset bool
	HTML  string
	Lines int // how many lines HTML holds
}

// ConsoleCursor is how far a console view has drawn.
type ConsoleCursor struct {
	next, epoch int
	started     bool
}

// ConsoleFeed returns the console lines a view with cursor cur has not drawn, oldest first,
// and moves the cursor.
func (a *App) ConsoleFeed(cur *ConsoleCursor) Feed {
	lines, next, epoch := a.S.ConsoleFrom(cur.next)
	var f Feed
	if !cur.started || epoch != cur.epoch {
		lines, _, _ = a.S.ConsoleFrom(0)
		f.Reset = true
	}
	cur.next, cur.epoch, cur.started = next, epoch, true
	f.HTML, f.Lines = ConsoleLinesHTML(lines), len(lines)
	return f
}

// MaxConsoleRows is how many console lines the page keeps (the session keeps as many).
const MaxConsoleRows = model.MaxConsoleLines

// ConsoleLinesHTML renders console lines as spans, escaping everything: the console echoes
// what people type.
func ConsoleLinesHTML(ls []model.ConsoleLine) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(`<span class="line ` + html.EscapeString(l.Kind) + `">` + html.EscapeString(l.Text) + "\n</span>")
	}
	return b.String()
}

// EventCursor is how far an event-log view has drawn, and with which filter.
type EventCursor struct {
	lastSeq int64
	filter  string
	epoch   int
	started bool
}

// eventRows is how many lines the event panel keeps; the whole log is one `events` command
// away.
const eventRows = 200

// EventFeed returns the event lines matching the panel's filter that a view with cursor cur
// has not drawn, newest first (the panel shows the newest at the top), and moves the cursor.
// A new filter or a reset redraws from scratch.
func (a *App) EventFeed(cur *EventCursor) Feed {
	var f Feed
	if !cur.started || cur.filter != a.EventFilter || cur.epoch != a.S.EventsEpoch() {
		cur.lastSeq = 0
	}
	f.Reset = cur.lastSeq == 0 // nothing drawn yet, or only the "No events yet." placeholder
	cur.started, cur.filter, cur.epoch = true, a.EventFilter, a.S.EventsEpoch()
	ls := a.S.Events.Lines(a.EventFilter, eventRows)
	i := len(ls)
	for i > 0 && ls[i-1].Seq > cur.lastSeq {
		i--
	}
	fresh := ls[i:]
	if len(fresh) > 0 {
		cur.lastSeq = fresh[len(fresh)-1].Seq
	}
	f.HTML, f.Lines = EventLinesHTML(fresh), len(fresh)
	if f.Reset && len(fresh) == 0 {
		f.HTML = `<li class="empty">No events yet.</li>`
	}
	return f
}

// MaxEventRows is how many lines the event panel keeps in the page.
const MaxEventRows = eventRows

// EventLinesHTML renders lines newest first. Event text quotes user-chosen names (topics,
// keys, client ids), so everything is escaped. Each line is a button whose id carries the
// event's sequence number: one click listener on the list serves them all.
func EventLinesHTML(ls []model.EventLine) string {
	var b strings.Builder
	for i := len(ls) - 1; i >= 0; i-- {
		l := ls[i]
		fmt.Fprintf(&b, `<li class="event cat-%s" data-kind="%s" data-seq="%d"><button type="button" class="event-line" id="ev-%d" title="Go to this moment and highlight what it names"><span class="event-time">%s</span> <span class="event-kind">%s</span> %s</button></li>`,
			html.EscapeString(l.Category), html.EscapeString(l.Kind), l.Seq, l.Seq,
			html.EscapeString(l.TimeText), html.EscapeString(l.Kind), html.EscapeString(l.Text))
	}
	return b.String()
}
