package model

import (
	"testing"

	"github.com/kafka-playground/playground/engine/session"
	"github.com/stretchr/testify/require"
)

func TestWhatIfViewLinesRowsUpAndSaysWhatDiffers(t *testing.T) {
	panes := [2]session.PaneSummary{
		{Label: "acks=1", TimeMs: 20100,
			Brokers: []session.BrokerSummary{{ID: 1, State: "crashed"}, {ID: 2, State: "up"}, {ID: 10, State: "up"}},
			Partitions: []session.PartitionSummary{
				{Topic: "payments", Partition: 10, Name: "payments-10", Leader: 2, ISR: []int32{2, 3}, HighWatermark: 0, LogEndOffset: 0},
				{Topic: "payments", Partition: 2, Name: "payments-2", Leader: 2, ISR: []int32{2, 3}, HighWatermark: 3, LogEndOffset: 3, Lost: 1},
			},
			Groups: []session.GroupSummary{{Group: "g", State: "Stable", Members: []session.MemberSummary{{Client: "c1", Partitions: []string{"a-0", "b-0"}}, {Client: "c2"}}}},
			Failed: []string{"command 7 (consumer poll c2) failed: boom"}},
		{Label: "acks=all", TimeMs: 24000,
			Brokers: []session.BrokerSummary{{ID: 1, State: "crashed"}, {ID: 2, State: "up"}, {ID: 10, State: "up"}},
			Partitions: []session.PartitionSummary{
				{Topic: "payments", Partition: 2, Name: "payments-2", Leader: -1, ISR: []int32{1}, HighWatermark: -1, LogEndOffset: -1, UnderMinISR: true, Refused: 2},
				{Topic: "payments", Partition: 10, Name: "payments-10", Leader: 2, ISR: []int32{2, 3}, HighWatermark: 0, LogEndOffset: 0},
				{Topic: "zeta", Partition: 0, Name: "zeta-0", Leader: 1, ISR: []int32{1}},
			}},
	}
	d := session.Divergence{Step: 40, Tick: 123, TimeMs: 12300, Diffs: []string{"payments-2: with acks=1, acknowledged offset 3 (key dave) was lost; with acks=all, nothing was lost"}}
	v := BuildWhatIfView(panes, d, true, []string{"now 1", "now 2"})

	require.Equal(t, "Diverged at t = 12.3s: payments-2: with acks=1, acknowledged offset 3 (key dave) was lost; with acks=all, nothing was lost", v.Banner)
	require.True(t, v.Diverged)
	require.Equal(t, []string{"now 1", "now 2"}, v.Now)
	require.Equal(t, d.Diffs, v.Divergence)

	a, b := v.Columns[0], v.Columns[1]
	require.Equal(t, "acks=1", a.Title)
	require.Equal(t, "t = 20.1s", a.TimeText)
	require.Equal(t, "t = 24.0s", b.TimeText)
	require.Equal(t, []WhatIfRow{{Name: "broker 1", Text: "crashed"}, {Name: "broker 2", Text: "up"}, {Name: "broker 10", Text: "up"}}, a.Brokers)
	require.Equal(t, []WhatIfPartitionRow{
		{Name: "payments-2", Leader: "2", ISR: "[2,3]", HW: "3", LogEnd: "3", Lost: "1", Refused: "0", Differs: true},
		{Name: "payments-10", Leader: "2", ISR: "[2,3]", HW: "0", LogEnd: "0", Lost: "0", Refused: "0"},
		{Name: "zeta-0", Leader: "—", ISR: "—", HW: "—", LogEnd: "—", Lost: "—", Refused: "—", Differs: true},
	}, a.Partitions)
	require.Equal(t, WhatIfPartitionRow{Name: "payments-2", Leader: "none (offline)", ISR: "[1] (under min.insync.replicas)", HW: "—", LogEnd: "—", Lost: "0", Refused: "2", Differs: true}, b.Partitions[0])
	require.Equal(t, []WhatIfRow{{Name: "group g", Text: "Stable: c1 a-0, b-0; c2 none", Differs: true}}, a.Groups)
	require.Equal(t, []WhatIfRow{{Name: "group g", Text: "—", Differs: true}}, b.Groups)
	require.Equal(t, []string{"command 7 (consumer poll c2) failed: boom"}, a.Failed)
}

func TestWhatIfViewBeforeTheRunsDiverge(t *testing.T) {
	v := BuildWhatIfView([2]session.PaneSummary{{Label: "range"}, {Label: "cooperative-sticky"}}, session.Divergence{}, false, nil)
	require.Equal(t, "No difference yet", v.Banner)
	require.False(t, v.Diverged)
	require.Equal(t, "range", v.Columns[0].Title)
	require.Equal(t, "cooperative-sticky", v.Columns[1].Title)
}

// The view of a real comparison: the acks=1 loss story.
func TestWhatIfViewOfAComparison(t *testing.T) {
	tl, err := session.NewTimeline(session.Setup{Seed: 1, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	require.NoError(t, tl.Tick(20).Err)
	producer := "kafka-console-producer.sh --topic payments --property parse.key=true --property key.separator=:"
	for _, c := range []session.Command{
		{Line: "kafka-topics.sh --create --topic payments --partitions 1 --replication-factor 3"},
		{Line: producer, Input: []string{"alice:p0"}},
		{Line: "settle"}, {Line: "broker slow 2"}, {Line: "broker slow 3"},
		{Line: producer, Input: []string{"dave:p3"}},
		{Line: "broker kill 1"},
	} {
		require.NoError(t, tl.Exec(c).Err, c.Line)
	}
	require.NoError(t, tl.Tick(150).Err)
	p := session.Presets()[0]
	c, err := session.NewCompare(tl.Setup(), p.A, p.B)
	require.NoError(t, err)
	require.NoError(t, c.Sync(tl.Commands(), tl.Len()))
	v := NewWhatIfView(c)
	require.True(t, v.Diverged)
	require.Contains(t, v.Banner, "Diverged at t = ")
	require.Contains(t, v.Banner, "payments-0: with acks=1, acknowledged offset 1 (key dave) was lost; with acks=all, nothing was lost")
	require.Equal(t, "1", v.Columns[0].Partitions[0].Lost)
	require.Equal(t, "0", v.Columns[1].Partitions[0].Lost)
	require.True(t, v.Columns[0].Partitions[0].Differs)
}
