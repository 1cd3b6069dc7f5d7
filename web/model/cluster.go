package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// Action is one button or menu item. Command is the exact line the UI dispatches and prints in
// the console, so every click also teaches the command it stands for. Label is the accessible
// name ("Kill broker 2"): screen readers announce it and the end-to-end tests find buttons by it.
type Action struct {
	Name    string // the short button text: "Kill"
	Label   string
	Command string
	Danger  bool // a crash: the UI marks it so nobody clicks it by accident
}

// BrokerCard is one broker as the cluster panel draws it.
type BrokerCard struct {
	ID    int32
	State string // up, stopped, crashed, isolated or fenced (engine.BrokerView.State)
	// IsController is true when the broker is also the active controller (KRaft combined
	// mode). The playground runs dedicated controllers (ids 1000 and up, see ControllerCards),
	// as production clusters do, so it is false today; the card still says it if that changes.
	IsController      bool
	Leaders, Replicas int
	Slow, Isolated    bool
	Actions           []Action
}

// BrokerCards lists the brokers in id order with the actions that make sense in their state:
// only the ones the engine would accept, so no button leads to an error.
func BrokerCards(v engine.View) []BrokerCard {
	out := make([]BrokerCard, 0, len(v.Brokers))
	for _, b := range v.Brokers {
		out = append(out, BrokerCard{ID: b.ID, State: b.State, IsController: v.ActiveController == b.ID,
			Leaders: b.Leaders, Replicas: b.Replicas, Slow: b.Slow, Isolated: b.Isolated, Actions: brokerActions(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// brokerActions offers only what the engine accepts in the broker's state: stop and kill need
// a running process, start a stopped or crashed one, slow a broker that is not slow yet, and
// heal one that is isolated or slow.
func brokerActions(b engine.BrokerView) []Action {
	id := strconv.Itoa(int(b.ID))
	act := func(verb, name string, danger bool) Action {
		return Action{Name: name, Label: name + " broker " + id, Command: "broker " + verb + " " + id, Danger: danger}
	}
	var out []Action
	if b.Status != engine.BrokerRunning {
		out = append(out, act("start", "Start", false))
	} else {
		out = append(out, act("stop", "Stop", false), act("kill", "Kill", true))
		// Isolate and slow are faults to inject into a healthy broker; a fenced or isolated
		// one is already out of the cluster.
		if b.State == "up" {
			out = append(out, act("isolate", "Isolate", true))
			if !b.Slow {
				out = append(out, act("slow", "Slow", false))
			}
		}
	}
	// A stopped broker can still be isolated or slow (the fault outlives the process): offer
	// heal there too, or the fault would come back unseen when it starts.
	if b.Isolated || b.Slow {
		out = append(out, act("heal", "Heal", false))
	}
	return out
}

// ControllerCard is one KRaft controller node.
type ControllerCard struct {
	ID       int32
	Status   string // up, stopped, crashed or isolated
	Active   bool   // the quorum leader, which runs the cluster's metadata
	Isolated bool
	Actions  []Action
}

// ControllerCards lists the controller quorum in id order.
func ControllerCards(v engine.View) []ControllerCard {
	out := make([]ControllerCard, 0, len(v.Controllers))
	for _, c := range v.Controllers {
		st := "up"
		switch {
		case c.Status != engine.BrokerRunning:
			st = c.Status.String()
		case c.Isolated:
			st = "isolated"
		}
		out = append(out, ControllerCard{ID: c.ID, Status: st, Active: c.Active, Isolated: c.Isolated, Actions: controllerActions(c)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func controllerActions(c engine.ControllerView) []Action {
	id := strconv.Itoa(int(c.ID))
	act := func(verb, name string, danger bool) Action {
		return Action{Name: name, Label: name + " controller " + id, Command: "controller " + verb + " " + id, Danger: danger}
	}
	var out []Action
	if c.Status != engine.BrokerRunning {
		out = append(out, act("start", "Start", false))
	} else {
		out = append(out, act("stop", "Stop", false), act("kill", "Kill", true))
		if !c.Isolated {
			out = append(out, act("isolate", "Isolate", true))
		}
	}
	if c.Isolated {
		out = append(out, act("heal", "Heal", false))
	}
	return out
}

// ProducerRow is one long-lived producer in the clients panel.
type ProducerRow struct {
	Name        string
	Topic       string // the topic it sends to at its rate; "" when it has none
	Acks        string // all, 1 or 0
	Idempotence bool
	RatePerSec  int
	Pending     int // records neither acknowledged nor failed yet
	Sent        int
	Acked       int
	Failed      int
	Actions     []Action
}

// ProducerRows lists the producers by name.
func ProducerRows(v engine.View) []ProducerRow {
	out := make([]ProducerRow, 0, len(v.Producers))
	for _, p := range v.Producers {
		out = append(out, ProducerRow{Name: p.Name, Topic: p.Topic, Acks: p.Acks, Idempotence: p.Idempotence,
			RatePerSec: p.RatePerSec, Pending: p.Pending, Sent: p.Stats.Sent, Acked: p.Stats.Acked, Failed: p.Stats.Failed,
			Actions: producerActions(p)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ResumeRatePerSec is the rate the Resume button restarts a paused producer at. The view does
// not remember the rate (or the keys) a producer had before it was paused.
const ResumeRatePerSec = 5

func producerActions(p engine.ProducerView) []Action {
	name := p.Name
	q := cli.Quote(name)
	out := []Action{}
	switch {
	case p.RatePerSec > 0:
		out = append(out, Action{Name: "Pause", Label: "Pause producer " + name, Command: "producer rate " + q + " 0"})
	case p.Topic != "":
		out = append(out, Action{Name: "Resume", Label: fmt.Sprintf("Resume producer %s at %d records a second", name, ResumeRatePerSec),
			Command: fmt.Sprintf("producer rate %s %d", q, ResumeRatePerSec)})
	}
	return append(out,
		Action{Name: "Stop", Label: "Stop producer " + name, Command: "producer stop " + q},
		Action{Name: "Kill", Label: "Kill producer " + name, Command: "producer kill " + q, Danger: true})
}

// Summary is the row's one line of detail: "orders · acks=all · idempotent · 5/s · 12 sent, 10 acked, 0 failed, 2 pending".
func (r ProducerRow) Summary() string {
	parts := []string{}
	if r.Topic != "" {
		parts = append(parts, r.Topic)
	}
	parts = append(parts, "acks="+r.Acks)
	if r.Idempotence {
		parts = append(parts, "idempotent")
	}
	if r.RatePerSec > 0 {
		parts = append(parts, strconv.Itoa(r.RatePerSec)+"/s")
	} else {
		parts = append(parts, "paused")
	}
	parts = append(parts, fmt.Sprintf("%d sent, %d acked, %d failed, %d pending", r.Sent, r.Acked, r.Failed, r.Pending))
	return strings.Join(parts, " · ")
}

// ConsumerRow is one consumer in the clients panel.
type ConsumerRow struct {
	Name  string
	Group string
	// State is "active" when the consumer owns partitions and "idle" when it owns none (more
	// members than partitions, or waiting for a rebalance). Idle repeats it as a flag for the
	// template, which greys idle rows.
	State      string
	Idle       bool
	Slow       bool   // its application stopped calling poll()
	Assignment string // "orders-0, orders-2"
	Lag        int64  // summed over its partitions whose lag is known
	Actions    []Action
}

// ConsumerRows lists the consumers by name.
func ConsumerRows(v engine.View) []ConsumerRow {
	out := make([]ConsumerRow, 0, len(v.Consumers))
	for _, c := range v.Consumers {
		tps := make([]engine.TopicPartition, 0, len(c.Assignment))
		var lag int64
		for _, a := range c.Assignment {
			tps = append(tps, engine.TopicPartition{Topic: a.Topic, Partition: a.Partition})
			if a.Lag > 0 {
				lag += a.Lag
			}
		}
		sort.Slice(tps, func(i, j int) bool {
			if tps[i].Topic != tps[j].Topic {
				return tps[i].Topic < tps[j].Topic
			}
			return tps[i].Partition < tps[j].Partition
		})
		names := make([]string, len(tps))
		for i, tp := range tps {
			names[i] = tp.String()
		}
		row := ConsumerRow{Name: c.Name, Group: c.Group, State: "active", Slow: c.Slow, Assignment: strings.Join(names, ", "),
			Lag: lag, Actions: consumerActions(c)}
		if len(tps) == 0 {
			row.State, row.Idle = "idle", true
		}
		out = append(out, row)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func consumerActions(c engine.ConsumerView) []Action {
	name := c.Name
	q := cli.Quote(name)
	out := []Action{}
	if c.Group != "" { // slow and resume act on group membership
		if c.Slow {
			out = append(out, Action{Name: "Resume", Label: "Resume consumer " + name, Command: "consumer resume " + q})
		} else {
			out = append(out, Action{Name: "Slow", Label: "Slow consumer " + name, Command: "consumer slow " + q})
		}
	}
	return append(out,
		Action{Name: "Stop", Label: "Stop consumer " + name, Command: "consumer stop " + q},
		Action{Name: "Kill", Label: "Kill consumer " + name, Command: "consumer kill " + q, Danger: true})
}

// Summary is the row's one line of detail: "group g1 · orders-0, orders-2 · lag 4".
func (r ConsumerRow) Summary() string {
	parts := []string{}
	if r.Group != "" {
		parts = append(parts, "group "+r.Group)
	}
	if r.Idle {
		parts = append(parts, "idle: no partitions")
	} else {
		parts = append(parts, r.Assignment)
	}
	if r.Slow {
		parts = append(parts, "not polling")
	}
	parts = append(parts, "lag "+strconv.FormatInt(r.Lag, 10))
	return strings.Join(parts, " · ")
}
