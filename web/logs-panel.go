package web

import (
	"strconv"

	"github.com/vugu/vugu/js"
)

// LogsPanel frames the replica logs. The logs themselves are drawn by the lanes layer (wasm/)
// into the #lanes element, outside Vugu, because Vugu re-syncs the whole tree on every render
// and a log can hold thousands of records.
type LogsPanel struct {
	App   *App
	Mount func(el js.Value)
}

func (c *LogsPanel) mount(el js.Value) {
	if c.Mount != nil {
		c.Mount(el)
	}
}

func (c *LogsPanel) topics() []string { return c.App.UserTopics() }

func (c *LogsPanel) produceTopic() string {
	if c.App.Produce.Topic != "" {
		return c.App.Produce.Topic
	}
	return c.App.firstTopic()
}

type tab struct {
	Value, Label string
	Selected     bool
}

func (c *LogsPanel) tabs() []tab {
	ts := c.topics()
	if len(ts) == 0 {
		return nil
	}
	out := []tab{{Value: "", Label: "All topics", Selected: c.App.Topic == ""}}
	for _, t := range ts {
		out = append(out, tab{Value: t, Label: t, Selected: c.App.Topic == t})
	}
	return out
}

func (c *LogsPanel) tabClass(selected bool) string {
	if selected {
		return "tab selected"
	}
	return "tab"
}

func (c *LogsPanel) pressed(b bool) string { return strconv.FormatBool(b) }
