package web

import (
	"fmt"
	"strconv"

	"github.com/kafka-playground/playground/web/model"
)

// EventPanel is the event log. It renders only the newest lines: Vugu re-renders the whole
// page each time, so the list is bounded, however long the session.
type EventPanel struct {
	App *App
}

// eventRows is how many lines the panel shows; the full log is one `events` command away.
const eventRows = 80

type eventItem struct {
	model.EventLine
	SeqText string
}

func (c *EventPanel) lines() []eventItem {
	ls := c.App.S.Events.Lines(c.App.EventFilter, eventRows)
	out := make([]eventItem, len(ls))
	for i, l := range ls {
		out[len(ls)-1-i] = eventItem{EventLine: l, SeqText: strconv.FormatInt(l.Seq, 10)} // newest first
	}
	return out
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
