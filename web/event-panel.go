package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/js"
)

// EventPanel is the event log's frame: the filter chips. The lines are drawn incrementally by
// the wasm side from App.EventFeed (feeds.go) into the list, which Vugu leaves alone.
type EventPanel struct {
	App *App
}

// onClick takes the timeline to the moment of the clicked event and highlights what it names.
// One listener serves every line: the clicked button's id carries the event's sequence number.
func (c *EventPanel) onClick(event vugu.DOMEvent) {
	id := event.PropString("target", "id") // the spans inside have pointer-events: none
	seq, err := strconv.ParseInt(strings.TrimPrefix(id, "ev-"), 10, 64)
	if err != nil {
		return
	}
	c.App.GoToEvent(seq)
	c.App.SelectEventSeq(seq)
}

func (c *EventPanel) mount(el js.Value) {
	if c.App.Host != nil {
		c.App.Host.MountList("events", el)
	}
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
