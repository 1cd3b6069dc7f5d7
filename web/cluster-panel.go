package web

import (
	"fmt"
	"strconv"

	"github.com/kafka-playground/playground/web/model"
)

// ClusterPanel shows the brokers as cards and the controller quorum.
type ClusterPanel struct {
	App *App
}

type brokerItem struct {
	model.BrokerCard
	IDText, Stats, StateIcon string
}

// stateIcons tell the states apart without colour.
var stateIcons = map[string]string{"up": "●", "stopped": "■", "crashed": "✖", "isolated": "⊘", "fenced": "⚠"}

func (c *ClusterPanel) brokers() []brokerItem {
	cards := model.BrokerCards(c.App.S.View())
	out := make([]brokerItem, len(cards))
	for i, b := range cards {
		out[i] = brokerItem{BrokerCard: b, IDText: strconv.Itoa(int(b.ID)), StateIcon: stateIcons[b.State],
			Stats: fmt.Sprintf("%d leader(s), %d replica(s)%s", b.Leaders, b.Replicas, slowText(b.Slow))}
	}
	return out
}

func slowText(slow bool) string {
	if slow {
		return ", slow"
	}
	return ""
}

type controllerItem struct {
	model.ControllerCard
	IDText, Title string
}

func (c *ClusterPanel) controllers() []controllerItem {
	var out []controllerItem
	for _, k := range model.ControllerCards(c.App.S.View()) {
		out = append(out, controllerItem{ControllerCard: k, IDText: strconv.Itoa(int(k.ID)),
			Title: fmt.Sprintf("controller %d: %s", k.ID, k.Status)})
	}
	return out
}

func (c *ClusterPanel) activeClass(active bool) string {
	if active {
		return " active"
	}
	return ""
}

func (c *ClusterPanel) hlClass(id int32) string {
	if c.App.Highlight.Broker == id {
		return " hl"
	}
	return ""
}

func (c *ClusterPanel) menuOpen(id int32) string { return strconv.FormatBool(c.App.MenuBroker == id) }

func (c *ClusterPanel) toggleMenu(id int32) {
	if c.App.MenuBroker == id {
		c.App.MenuBroker = -1
		return
	}
	c.App.MenuBroker = id
}
