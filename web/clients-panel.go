package web

import "github.com/kafka-playground/playground/web/model"

// ClientsPanel lists producers and consumers with their actions, and adds new ones.
type ClientsPanel struct {
	App *App
}

var assignors = []string{"range", "roundrobin", "sticky", "cooperative-sticky"}

type clientItem struct {
	Name, Summary string
	Idle          bool
	Actions       []model.Action
}

func (c *ClientsPanel) producers() []clientItem {
	var out []clientItem
	for _, p := range model.ProducerRows(c.App.S.View()) {
		out = append(out, clientItem{Name: p.Name, Summary: p.Summary(), Actions: p.Actions})
	}
	return out
}

func (c *ClientsPanel) consumers() []clientItem {
	var out []clientItem
	for _, k := range model.ConsumerRows(c.App.S.View()) {
		out = append(out, clientItem{Name: k.Name, Summary: k.Summary(), Idle: k.Idle, Actions: k.Actions})
	}
	return out
}

func idleClass(idle bool) string {
	if idle {
		return " idle"
	}
	return ""
}

func actionClass(danger bool) string {
	if danger {
		return "btn small danger"
	}
	return "btn small"
}
