package web

import "github.com/vugu/vugu"

// TopicDialog creates a topic with kafka-topics.sh --create; the command it dispatches is
// printed in the console like any other.
type TopicDialog struct {
	App *App
}

func (c *TopicDialog) close() {
	c.App.ShowNewTopic = false
	c.App.FormError = ""
}

func (c *TopicDialog) onKey(event vugu.DOMEvent) {
	if event.PropString("key") == "Escape" {
		c.close()
	}
}
