package engine

import (
	"fmt"
	"strings"
)

// DescribeView is the stable one-screen text of a view: the clock, the quorum, each broker and
// each partition with every replica's log end offset and high watermark. Goldens, the terminal's
// `state` and lesson checks share it.
//
//	time 9.2s (tick 92)  seed 1  controller 1002 (epoch 2)
//	brokers: 1 crashed, 2 up, 3 up
//	orders-0  leader 2  epoch 1  isr [2,3]  hw 2  replicas 1:2/2 2*:2/2 3:2/2
//
// In the replica list, "2*:5/4" is broker 2, the leader, with log end offset 5 and high
// watermark 4; a replica outside the ISR is shown in parentheses.
func DescribeView(v View) string { return DescribeViewWith(v, false) }

// DescribeViewWith is DescribeView, optionally with the partitions of internal topics
// (__consumer_offsets), which otherwise take one summary line: fifty partitions would bury the
// topics a learner made. Groups follow the partitions, one line each.
//
//	group billing  Stable  generation 3  range  coordinator 1  billing-2=[orders-0] billing-3=[orders-1 orders-2]  committed orders-0=5 orders-1=3
func DescribeViewWith(v View, internal bool) string {
	var b strings.Builder
	ctrl := "none (no quorum leader)"
	if v.ActiveController >= 0 {
		ctrl = fmt.Sprintf("%d (epoch %d)", v.ActiveController, v.ControllerEpoch)
	}
	fmt.Fprintf(&b, "time %s (tick %d)  seed %d  controller %s\n", FormatSimTime(v.TimeMs), v.Tick, v.Seed, ctrl)
	b.WriteString("brokers:")
	for i, br := range v.Brokers {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %d %s", br.ID, br.State)
		if br.Slow {
			b.WriteString(" (slow)")
		}
		if br.State == "crashed" || br.State == "stopped" {
			if !br.Fenced {
				b.WriteString(" (not yet fenced)")
			}
		}
	}
	b.WriteByte('\n')
	for _, t := range v.Topics {
		if !internal && strings.HasPrefix(t.Name, "__") {
			leaderless := 0
			for _, p := range t.Partitions {
				if p.Leader < 0 {
					leaderless++
				}
			}
			fmt.Fprintf(&b, "%s: %d partitions (%d without a leader); state --internal shows them\n", t.Name, len(t.Partitions), leaderless)
			continue
		}
		for _, p := range t.Partitions {
			b.WriteString(DescribePartition(p))
			b.WriteByte('\n')
		}
	}
	for _, g := range v.Groups {
		b.WriteString(DescribeGroup(g))
		b.WriteByte('\n')
	}
	return b.String()
}

// DescribeGroup is one group's line in DescribeView.
func DescribeGroup(g GroupView) string {
	var b strings.Builder
	coord := "none"
	if g.Coordinator >= 0 {
		coord = itoa(int64(g.Coordinator))
	}
	fmt.Fprintf(&b, "group %s  %s  generation %d", g.GroupID, g.State, g.Generation)
	if g.Protocol != "" {
		b.WriteString("  " + g.Protocol)
	}
	b.WriteString("  coordinator " + coord)
	for _, m := range g.Members {
		fmt.Fprintf(&b, "  %s=%s", m.ClientID, fmtTPs(m.Assignment))
	}
	var committed []string
	for _, o := range g.Offsets {
		if o.Committed >= 0 {
			committed = append(committed, fmt.Sprintf("%s=%d", tpName(o.Topic, o.Partition), o.Committed))
		}
	}
	if len(committed) > 0 {
		b.WriteString("  committed " + strings.Join(committed, " "))
	}
	return b.String()
}

// DescribePartition is one line of DescribeView.
func DescribePartition(p PartitionView) string {
	leader := "none"
	if p.Leader >= 0 {
		leader = itoa(int64(p.Leader))
	}
	var reps []string
	for _, r := range p.ReplicaStates {
		s := itoa(int64(r.Broker))
		if r.IsLeader {
			s += "*"
		} else if r.ThinksLeader {
			s += "!" // a zombie: it believes it still leads
		}
		s += fmt.Sprintf(":%d/%d", r.LogEndOffset, r.HighWatermark)
		if !r.InSync {
			s = "(" + s + ")"
		}
		reps = append(reps, s)
	}
	line := fmt.Sprintf("%s-%d  leader %s  epoch %d  isr %s  hw %d  replicas %s",
		p.Topic, p.Partition, leader, p.LeaderEpoch, fmtIDs(p.ISR), p.HighWatermark, strings.Join(reps, " "))
	if p.LostRecords > 0 {
		line += fmt.Sprintf("  LOST %d", p.LostRecords)
	}
	return line
}
