package engine

import (
	"fmt"
	"slices"
)

// Quiet says whether the cluster has nothing left to do on its own: no client work pending, the
// controller knows who is alive, every live replica has caught up and every leaderless
// partition is leaderless for good. It returns the first reason it is not, for `settle` to show.
func (s *Sim) Quiet() (bool, string) {
	for _, p := range s.producers {
		if n := p.Pending(); n > 0 {
			return false, fmt.Sprintf("producer %s still has %d record(s) in flight", p.name, n)
		}
	}
	for _, m := range s.net {
		if m.kind == msgProduce || m.kind == msgProduceResponse {
			return false, "a produce request is in flight"
		}
	}
	live := 0
	for _, c := range s.controllers {
		if c.voting() {
			live++
		}
	}
	if s.active < 0 {
		if 2*live > len(s.controllers) {
			return false, "the controller quorum is electing a leader"
		}
		return true, ""
	}
	for _, b := range s.brokers {
		switch {
		case b.reachable() && (b.fenced || !b.registered):
			return false, fmt.Sprintf("broker %d is back but not yet unfenced", b.id)
		case !b.reachable() && !b.fenced && b.registered:
			return false, fmt.Sprintf("the controller has not yet noticed that broker %d is gone", b.id)
		}
	}
	reason := ""
	s.eachPartition(func(_ *topic, p *partition) {
		if reason != "" {
			return
		}
		if p.leader < 0 {
			for _, id := range p.isr {
				if s.usable(id) {
					reason = p.name() + " is waiting for a leader election"
				}
			}
			return
		}
		lr := p.replicaOn(p.leader)
		if !lr.isLeader() {
			reason = p.name() + ": leader has not taken over yet"
			return
		}
		for _, r := range p.reps {
			b := s.broker(r.broker)
			if !b.reachable() || b.fenced {
				continue
			}
			switch {
			case r.log.endOffset != lr.log.endOffset:
				reason = fmt.Sprintf("%s: broker %d is catching up (offset %d of %d)", p.name(), r.broker, r.log.endOffset, lr.log.endOffset)
			case r.hw != lr.hw:
				reason = fmt.Sprintf("%s: broker %d has not yet learned high watermark %d", p.name(), r.broker, lr.hw)
			case !slices.Contains(p.isr, r.broker) && len(p.isr) >= 1:
				reason = fmt.Sprintf("%s: broker %d is about to rejoin the ISR", p.name(), r.broker)
			}
			if reason != "" {
				return
			}
		}
		if lr.hw != lr.log.endOffset && len(p.isr) >= effectiveMinISR(s.topics[p.topic], p) {
			reason = fmt.Sprintf("%s: high watermark %d has not reached log end offset %d", p.name(), lr.hw, lr.log.endOffset)
		}
	})
	if reason != "" {
		return false, reason
	}
	return true, ""
}

// Settle ticks until Quiet or until maxTicks have passed, and returns the ticks it ran.
func (s *Sim) Settle(maxTicks int64) (int64, bool, string) {
	for i := int64(0); ; i++ {
		if ok, why := s.Quiet(); ok || i >= maxTicks {
			return i, ok, why
		}
		s.Tick()
	}
}
