package main

import (
	"fmt"
	"slices"
	"strings"
)

// faultState is the generator's model of what the statements so far have broken: which brokers
// and controllers are down or cut off, which consumers are alive or stuck. Only commands change
// these, and a command that does not fit the state fails and changes nothing, in the engine
// and here alike, so the model can follow any list of statements, a shrunk one included. The
// liveness phase is derived from it: it repairs exactly what is still broken.
type faultState struct {
	brokers      map[int]*nodeState
	controllers  map[int]*nodeState
	consumers    map[string]*consumerState
	producers    int
	producerKeys map[int]string // the --keys of each producer, "" for a keyless one
}

type nodeState struct {
	down, isolated, slow bool
}

type consumerState struct {
	group string
	alive bool
	slow  bool
}

func newFaultState(brokers, controllers int) *faultState {
	fs := &faultState{brokers: map[int]*nodeState{}, controllers: map[int]*nodeState{},
		consumers: map[string]*consumerState{}, producerKeys: map[int]string{}}
	for i := 1; i <= brokers; i++ {
		fs.brokers[i] = &nodeState{}
	}
	for i := 0; i < controllers; i++ {
		fs.controllers[1000+i] = &nodeState{}
	}
	return fs
}

// apply follows one statement. It understands the statements the generator writes.
func (fs *faultState) apply(line string) {
	w := strings.Fields(line)
	if len(w) < 2 {
		return
	}
	switch w[0] {
	case "broker", "controller":
		if len(w) == 2 && line == "broker add" {
			if ids := fs.brokerIDs(); len(ids) < 12 { // the engine's limit, MaxBrokers
				fs.brokers[ids[len(ids)-1]+1] = &nodeState{}
			}
			return
		}
		if len(w) != 3 {
			return
		}
		var id int
		if _, err := fmt.Sscan(w[2], &id); err != nil {
			return
		}
		n := fs.brokers[id]
		if w[0] == "controller" {
			n = fs.controllers[id]
		}
		if n == nil {
			return
		}
		switch w[1] {
		case "kill", "stop":
			n.down = true
		case "start":
			n.down = false
		case "isolate":
			n.isolated = true
		case "slow":
			n.slow = w[0] == "broker"
		case "heal":
			n.isolated, n.slow = false, false
		}
	case "consumer":
		if len(w) < 3 {
			return
		}
		c := fs.consumers[w[2]]
		switch w[1] {
		case "add":
			if c != nil && c.alive {
				return // a second add of a live name fails; a crashed one's name is free again
			}
			group := ""
			if i := slices.Index(w, "--group"); i >= 0 && i+1 < len(w) {
				group = w[i+1]
			}
			fs.consumers[w[2]] = &consumerState{group: group, alive: true}
		case "kill", "stop":
			if c != nil && c.alive {
				c.alive = false
			}
		case "slow", "resume":
			if c != nil && c.alive {
				c.slow = w[1] == "slow"
			}
		}
	case "producer":
		if w[1] == "add" {
			keys := ""
			if i := slices.Index(w, "--keys"); i >= 0 && i+1 < len(w) {
				keys = w[i+1]
			}
			fs.producerKeys[fs.producers] = keys
			fs.producers++
		}
	}
}

// troubledBrokers counts brokers that are down or cut off.
func (fs *faultState) troubledBrokers() int {
	n := 0
	for _, b := range fs.brokers {
		if b.down || b.isolated {
			n++
		}
	}
	return n
}

func (fs *faultState) brokerIDs() []int {
	ids := make([]int, 0, len(fs.brokers))
	for id := range fs.brokers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (fs *faultState) liveConsumers() []string {
	var out []string
	for name, c := range fs.consumers {
		if c.alive {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// repairs are the statements that start the liveness phase: start and heal every broker and
// controller, and let every stuck consumer poll again. After them nothing is broken, so the
// cluster must converge.
func (fs *faultState) repairs() []stmt {
	var out []stmt
	for _, id := range fs.brokerIDs() {
		b := fs.brokers[id]
		if b.down {
			out = append(out, stmt{Line: fmt.Sprintf("broker start %d", id)})
		}
		if b.isolated || b.slow {
			out = append(out, stmt{Line: fmt.Sprintf("broker heal %d", id)})
		}
	}
	ids := make([]int, 0, len(fs.controllers))
	for id := range fs.controllers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := fs.controllers[id]
		if c.down {
			out = append(out, stmt{Line: fmt.Sprintf("controller start %d", id)})
		}
		if c.isolated {
			out = append(out, stmt{Line: fmt.Sprintf("controller heal %d", id)})
		}
	}
	for _, name := range fs.liveConsumers() {
		if fs.consumers[name].slow {
			out = append(out, stmt{Line: "consumer resume " + name})
		}
	}
	return out
}

// livenessState follows stmts from a fresh cluster of the plan's size.
func livenessState(p plan, stmts []stmt) *faultState {
	fs := newFaultState(p.Brokers, p.Controllers)
	for _, s := range stmts {
		fs.apply(s.Line)
	}
	return fs
}
