package engine

import "slices"

// GroupView is one consumer group as kafka-consumer-groups.sh and the UI show it.
type GroupView struct {
	GroupID     string            `json:"groupId"`
	State       GroupState        `json:"state"`
	Generation  int32             `json:"generation"`
	Protocol    string            `json:"assignmentStrategy"`
	Leader      string            `json:"leader"`      // member id of the group leader
	Coordinator int32             `json:"coordinator"` // broker id, -1 when unavailable
	Members     []GroupMemberView `json:"members"`
	Offsets     []GroupOffsetView `json:"offsets"`
}

// GroupMemberView is one member of a group.
type GroupMemberView struct {
	MemberID   string           `json:"memberId"`
	ClientID   string           `json:"clientId"`
	Host       string           `json:"host"`
	Assignment []TopicPartition `json:"assignment"`
}

// GroupOffsetView is one partition a group owns or has committed: where the group is, where
// the log ends (the high watermark, as Kafka's tools show it) and the lag between them.
type GroupOffsetView struct {
	Topic         string `json:"topic"`
	Partition     int32  `json:"partition"`
	Committed     int64  `json:"committedOffset"` // -1 when nothing is committed
	Position      int64  `json:"position"`        // the owner's position, -1 without an owner
	LogEndOffset  int64  `json:"logEndOffset"`    // the high watermark; -1 without a leader
	Lag           int64  `json:"lag"`             // logEndOffset - committed; -1 when unknown
	MemberID      string `json:"memberId"`        // "" when no member owns it
	ClientID      string `json:"clientId"`
	LogStart      int64  `json:"logStartOffset"`
	OutOfRangeLow bool   `json:"committedBelowLogStart"` // retention deleted past the committed offset
}

// String renders a topic-partition the way Kafka logs do: topic-partition.
func (tp TopicPartition) String() string { return tpName(tp.Topic, tp.Partition) }

func (s *Sim) groupViews() []GroupView {
	out := []GroupView{}
	for _, g := range s.groups {
		gv := GroupView{GroupID: g.id, State: g.state, Generation: g.generation, Protocol: g.protocol, Leader: g.leader,
			Coordinator: s.coordinatorOf(g.id), Members: []GroupMemberView{}, Offsets: []GroupOffsetView{}}
		if gv.Generation < 0 {
			gv.Generation = 0
		}
		owner := map[TopicPartition]*member{}
		for _, m := range sortedMembers(g) {
			mv := GroupMemberView{MemberID: m.id, ClientID: m.clientID, Host: "/127.0.0.1", Assignment: slices.Clone(m.assignment)}
			if mv.Assignment == nil {
				mv.Assignment = []TopicPartition{}
			}
			for _, tp := range m.assignment {
				owner[tp] = m
			}
			gv.Members = append(gv.Members, mv)
		}
		tps := make([]TopicPartition, 0, len(owner)+len(g.committed))
		for tp := range owner {
			tps = append(tps, tp)
		}
		for tp := range g.committed {
			if owner[tp] == nil {
				tps = append(tps, tp)
			}
		}
		sortTPs(tps)
		for _, tp := range tps {
			ov := GroupOffsetView{Topic: tp.Topic, Partition: tp.Partition, Committed: -1, Position: -1, LogEndOffset: -1, Lag: -1, LogStart: -1}
			if off, ok := g.committed[tp]; ok {
				ov.Committed = off
			}
			if p := s.partition(tp.Topic, tp.Partition); p != nil && p.leader >= 0 {
				lr := p.replicaOn(p.leader)
				ov.LogEndOffset, ov.LogStart = lr.hw, lr.log.startOffset
				if ov.Committed >= 0 {
					ov.Lag = max(0, ov.LogEndOffset-ov.Committed)
					ov.OutOfRangeLow = ov.Committed < ov.LogStart
				}
			}
			if m := owner[tp]; m != nil {
				ov.MemberID, ov.ClientID = m.id, m.clientID
				if c := s.Consumer(m.clientID); c != nil {
					if cp := c.part(tp.Topic, tp.Partition); cp != nil {
						ov.Position = cp.position
					}
				}
			}
			gv.Offsets = append(gv.Offsets, ov)
		}
		out = append(out, gv)
	}
	return out
}

// Group returns the view of one group.
func (v View) Group(id string) (GroupView, bool) {
	for _, g := range v.Groups {
		if g.GroupID == id {
			return g, true
		}
	}
	return GroupView{}, false
}
