package web

import (
	"strings"

	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/js"
)

// ConsolePanel is the in-page terminal: the same command language as kafkasim. Its
// scrollback is drawn incrementally by the wasm side from App.ConsoleFeed (feeds.go).
type ConsolePanel struct {
	App         *App
	Completions []string
}

func (c *ConsolePanel) mount(el js.Value) {
	if c.App.Host != nil {
		c.App.Host.MountList("console", el)
	}
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
