package engine

import "fmt"

// Converged says whether a cluster with nothing broken has recovered completely: the quorum has
// an active controller, every broker is registered and unfenced, every partition has a leader
// that knows it leads and an ISR holding every replica, and every consumer group is Stable with
// exactly its running consumers as members (or Empty when none is left). It returns the first
// reason it has not, for a liveness failure to show. Unlike Quiet it does not wait for producers
// to go idle: convergence must happen under load too.
func (s *Sim) Converged() (bool, string) {
	if s.active < 0 {
		return false, "the controller quorum has no active controller"
	}
	for _, b := range s.brokers {
		switch {
		case !b.up():
			return false, fmt.Sprintf("broker %d is %s", b.id, b.status)
		case b.isolated:
			return false, fmt.Sprintf("broker %d is isolated", b.id)
		case !b.registered || b.fenced:
			return false, fmt.Sprintf("broker %d is not yet registered and unfenced", b.id)
		}
	}
	reason := ""
	s.eachPartition(func(_ *topic, p *partition) {
		if reason != "" {
			return
		}
		switch {
		case p.leader < 0:
			reason = p.name() + " has no leader"
		case !p.replicaOn(p.leader).isLeader() || p.replicaOn(p.leader).knownEpoch != p.leaderEpoch:
			reason = fmt.Sprintf("%s: broker %d has not yet taken over as leader at epoch %d", p.name(), p.leader, p.leaderEpoch)
		case len(p.isr) != len(p.replicas):
			reason = fmt.Sprintf("%s: ISR %s is not yet every replica %s", p.name(), fmtIDs(p.isr), fmtIDs(p.replicas))
		}
	})
	if reason != "" {
		return false, reason
	}
	for _, g := range s.groups {
		if why := s.groupConverged(g); why != "" {
			return false, "group " + g.id + " " + why
		}
	}
	return true, ""
}

// groupConverged is "" when the group is Stable with exactly its running consumers, each of
// them stable in the group's current generation, or Empty when it has none.
func (s *Sim) groupConverged(g *group) string {
	var live []*Consumer
	for _, c := range s.consumers {
		if c.grp != nil && c.grp.groupID == g.id {
			live = append(live, c)
		}
	}
	if len(live) == 0 {
		if len(g.members) > 0 {
			return fmt.Sprintf("has %d member(s) but no running consumer", len(g.members))
		}
		return ""
	}
	if g.state != GroupStable {
		return "is " + g.state.String() + ", not Stable"
	}
	if len(g.members) != len(live) {
		return fmt.Sprintf("has %d member(s) for %d running consumer(s)", len(g.members), len(live))
	}
	for _, c := range live {
		gc := c.grp
		if gc.state != memberStable || gc.generation != g.generation || g.member(gc.memberID) == nil || gc.rejoin {
			return fmt.Sprintf("is not yet joined by consumer %s in generation %d", c.name, g.generation)
		}
	}
	return ""
}
