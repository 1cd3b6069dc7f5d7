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
func DescribeView(v View) string {
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
		for _, p := range t.Partitions {
			b.WriteString(DescribePartition(p))
			b.WriteByte('\n')
		}
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
