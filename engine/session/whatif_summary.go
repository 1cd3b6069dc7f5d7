package session

import (
	"fmt"
)

// PaneSummary is what a pane shows of its cluster: the brokers, each partition of the
// learner's topics and each group, sorted, with the outcomes the comparison counts. It is
// plain data for the UI's view model.
type PaneSummary struct {
	Label      string
	Override   Override
	Tick       int64 // the pane's own clock, which can drift from the main session's
	TimeMs     int64
	Brokers    []BrokerSummary
	Partitions []PartitionSummary
	Groups     []GroupSummary
	// Failed are the commands that failed in this pane although they ran in the main session.
	Failed []string
}

// BrokerSummary is a broker and its one-word state (up, stopped, crashed, isolated, fenced).
type BrokerSummary struct {
	ID    int32
	State string
}

// PartitionSummary is one partition. Leader is -1 when it has none; HighWatermark and
// LogEndOffset are -1 then too. Lost counts acknowledged records lost, Refused the records of
// produce requests that failed.
type PartitionSummary struct {
	Topic         string
	Partition     int32
	Name          string // orders-0
	Leader        int32
	ISR           []int32
	HighWatermark int64
	LogEndOffset  int64
	UnderMinISR   bool
	Lost          int
	Refused       int
}

// GroupSummary is a consumer group: its state and which member (by client id) has which
// partitions.
type GroupSummary struct {
	Group   string
	State   string
	Members []MemberSummary
}

// MemberSummary is one member of a group and its partitions, sorted.
type MemberSummary struct {
	Client     string
	Partitions []string
}

// Panes summarises both panes at the current step, A then B.
func (c *Compare) Panes() [2]PaneSummary {
	c.fresh()
	if !c.memo.panesOK {
		for i := range c.panes {
			c.memo.panes[i] = c.summary(i)
		}
		c.memo.panesOK = true
	}
	return c.memo.panes
}

func (c *Compare) summary(side int) PaneSummary {
	v, f := c.view(side), c.panes[side].facts
	s := PaneSummary{Label: c.sides[side].Label(), Override: c.sides[side], Tick: v.Tick, TimeMs: v.TimeMs}
	for _, b := range v.Brokers {
		s.Brokers = append(s.Brokers, BrokerSummary{ID: b.ID, State: b.State})
	}
	for _, t := range v.Topics {
		if internalTopic(t.Name) {
			continue
		}
		for _, p := range t.Partitions {
			k := tp{p.Topic, p.Partition}
			s.Partitions = append(s.Partitions, PartitionSummary{Topic: p.Topic, Partition: p.Partition, Name: k.String(),
				Leader: p.Leader, ISR: sortedIDs(p.ISR), HighWatermark: p.HighWatermark, LogEndOffset: p.LogEndOffset,
				UnderMinISR: p.UnderMinISR, Lost: p.LostRecords, Refused: f.refusedCount(k)})
		}
	}
	for _, g := range v.Groups {
		gs := GroupSummary{Group: g.GroupID, State: g.State.String()}
		a := assignment(g)
		for _, client := range memberClients(g) {
			if len(gs.Members) > 0 && gs.Members[len(gs.Members)-1].Client == client {
				continue // two members with one client id share a row
			}
			gs.Members = append(gs.Members, MemberSummary{Client: client, Partitions: a[client]})
		}
		s.Groups = append(s.Groups, gs)
	}
	for _, fc := range f.failed {
		s.Failed = append(s.Failed, fmt.Sprintf("command %d (%s) failed: %s", fc.Index+1, clipText(fc.Line, 60), clipText(fc.Err, 100)))
	}
	return s
}

// Partition finds a partition of the summary by name.
func (s PaneSummary) Partition(name string) (PartitionSummary, bool) {
	for _, p := range s.Partitions {
		if p.Name == name {
			return p, true
		}
	}
	return PartitionSummary{}, false
}
