package web

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu"
)

// EventPanel is the event log. Its lines are one HTML string (escaped here) rather than a
// Vugu node per line: Vugu re-renders the whole page several times a second while the clock
// runs, and its cost grows with the number of nodes, not with what changed.
type EventPanel struct {
	App *App
}

// eventRows is how many lines the panel shows; the full log is one `events` command away.
const eventRows = 60

func (c *EventPanel) lines() []model.EventLine {
	return c.App.S.Events.Lines(c.App.EventFilter, eventRows)
}

// linesHTML renders the newest lines first. Every piece of event text is escaped: events
// quote user-chosen names (topics, keys, client ids).
func (c *EventPanel) linesHTML() vugu.HTML {
	ls := c.lines()
	var b strings.Builder
	for i := len(ls) - 1; i >= 0; i-- {
		l := ls[i]
		fmt.Fprintf(&b, `<li class="event cat-%s" data-kind="%s" data-seq="%d"><button type="button" class="event-line" id="ev-%d" title="Highlight what this event names">%s %s %s</button></li>`,
			html.EscapeString(l.Category), html.EscapeString(l.Kind), l.Seq, l.Seq,
			`<span class="event-time">`+html.EscapeString(l.TimeText)+`</span>`,
			`<span class="event-kind">`+html.EscapeString(l.Kind)+`</span>`,
			html.EscapeString(l.Text))
	}
	if len(ls) == 0 {
		b.WriteString(`<li class="empty">No events yet.</li>`)
	}
	return vugu.HTML(b.String())
}

// onClick highlights what the clicked line names. One listener serves every line: the
// clicked button's id carries the event's sequence number.
func (c *EventPanel) onClick(event vugu.DOMEvent) {
	id := event.PropString("target", "id") // the spans inside have pointer-events: none
	seq, err := strconv.ParseInt(strings.TrimPrefix(id, "ev-"), 10, 64)
	if err != nil {
		return
	}
	c.App.SelectEventSeq(seq)
}

type filterItem struct {
	Name, Label string
	Selected    bool
}

func (c *EventPanel) filters() []filterItem {
	counts := c.App.S.Events.Counts()
	var out []filterItem
	for _, name := range model.Categories() {
		label := name
		if n, ok := counts[name]; ok && name != "all" {
			label = fmt.Sprintf("%s (%d)", name, n)
		}
		out = append(out, filterItem{Name: name, Label: label, Selected: c.App.EventFilter == name})
	}
	return out
}

func (c *EventPanel) filterClass(selected bool) string {
	if selected {
		return "chip selected"
	}
	return "chip"
}

func (c *EventPanel) pressed(b bool) string { return strconv.FormatBool(b) }
