package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
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
	v := c.App.S.View()
	cards := model.BrokerCards(v)
	leaders, replicas := userPartitionCounts(v)
	out := make([]brokerItem, len(cards))
	for i, b := range cards {
		stats := fmt.Sprintf("leads %d of your partitions, holds %d replicas", leaders[b.ID], replicas[b.ID])
		if internal := b.Replicas - replicas[b.ID]; internal > 0 {
			stats += fmt.Sprintf(" (+%d of __consumer_offsets)", internal)
		}
		out[i] = brokerItem{BrokerCard: b, IDText: strconv.Itoa(int(b.ID)), StateIcon: stateIcons[b.State],
			Stats: stats + slowText(b.Slow)}
	}
	return out
}

// userPartitionCounts counts, per broker, the leaderships and replicas of the learner's own
// topics: the fifty __consumer_offsets partitions would otherwise swamp the numbers.
func userPartitionCounts(v engine.View) (leaders, replicas map[int32]int) {
	leaders, replicas = map[int32]int{}, map[int32]int{}
	for _, t := range v.Topics {
		if strings.HasPrefix(t.Name, "__") {
			continue
		}
		for _, p := range t.Partitions {
			if p.Leader >= 0 {
				leaders[p.Leader]++
			}
			for _, r := range p.Replicas {
				replicas[r]++
			}
		}
	}
	return leaders, replicas
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
