package web

import (
	"html"
	"strings"

	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu"
)

// ConsolePanel is the in-page terminal: the same command language as kafkasim.
type ConsolePanel struct {
	App         *App
	Completions []string
}

// consoleRows bounds what is rendered; the session keeps more.
const consoleRows = 200

func (c *ConsolePanel) lines() []model.ConsoleLine {
	ls := c.App.S.Console()
	return ls[max(0, len(ls)-consoleRows):]
}

// linesHTML is the scrollback as one escaped HTML string, for the same reason as the event
// log's: one Vugu node instead of hundreds.
func (c *ConsolePanel) linesHTML() vugu.HTML {
	var b strings.Builder
	for _, l := range c.lines() {
		b.WriteString(`<span class="line ` + html.EscapeString(l.Kind) + `">` + html.EscapeString(l.Text) + "\n</span>")
	}
	return vugu.HTML(b.String())
}

func (c *ConsolePanel) onKey(event vugu.DOMEvent) {
	switch event.PropString("key") {
	case "ArrowUp":
		event.PreventDefault()
		c.App.CommandInput = c.App.History.Prev(c.App.CommandInput)
	case "ArrowDown":
		if c.App.History.Browsing() { // otherwise ↓ would replace what is being typed
			event.PreventDefault()
			c.App.CommandInput = c.App.History.Next()
		}
	case "Tab":
		if strings.TrimSpace(c.App.CommandInput) == "" {
			return // let Tab move focus out of an empty console
		}
		event.PreventDefault()
		c.App.CommandInput, c.Completions = model.Complete(c.App.CommandInput)
	case "Escape":
		c.Completions = nil
	}
}

func (c *ConsolePanel) completionText() string { return strings.Join(c.Completions, "  ") }
