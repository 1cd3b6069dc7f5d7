package model

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newShell starts a shell on the default cluster (3 brokers, 3 controllers) and runs lines,
// failing the test on any error.
func newShell(t *testing.T, lines ...string) *cli.Shell {
	t.Helper()
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	run(t, sh, lines...)
	return sh
}

func run(t *testing.T, sh *cli.Shell, lines ...string) {
	t.Helper()
	for _, l := range lines {
		res := sh.Exec(l, nil)
		require.NoError(t, res.Err, "%s\n%s", l, res.Output)
	}
}

const createOrders = "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2"

func TestMetricsOfAHealthyClusterAreZero(t *testing.T) {
	sh := newShell(t, createOrders, "settle")
	m := ComputeMetrics(sh.Sim().View(), 0, 0)
	assert.Equal(t, Metrics{Leaders: 3, Groups: []GroupLag{}}, m)
}

func TestMetricsAfterBrokersFail(t *testing.T) {
	sh := newShell(t, createOrders,
		"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic solo --partitions 1 --replication-factor 1",
		"consumer add c1 --group g1 --topic orders", "settle", // creates __consumer_offsets
	)
	solo, _ := sh.Sim().View().Partition("solo", 0)
	run(t, sh, "broker kill "+itoa(solo.Leader), "settle")

	log := NewEventLog(0)
	log.Append(sh.Sim().Events())
	v := sh.Sim().View()
	m := ComputeMetrics(v, log.KindCount(engine.EventIsrShrunk), log.KindCount(engine.EventIsrExpanded))

	// Count what the metrics should say from the view, user topics only.
	var under, offline, underMin, leaders int
	internalUnder := 0
	for _, tv := range v.Topics {
		for _, p := range tv.Partitions {
			if isInternalTopic(tv.Name) {
				internalUnder += btoi(p.UnderReplicated)
				continue
			}
			under += btoi(p.UnderReplicated)
			offline += btoi(p.Offline)
			underMin += btoi(p.UnderMinISR)
			leaders += btoi(p.Leader >= 0)
		}
	}
	require.Positive(t, internalUnder, "the scenario must make internal partitions under-replicated too")
	assert.Equal(t, 3, m.UnderReplicated, "the three orders partitions; solo has one replica and __consumer_offsets is left out")
	assert.Equal(t, under, m.UnderReplicated)
	assert.Equal(t, 1, m.Offline, "solo lost its only replica")
	assert.Equal(t, offline, m.Offline)
	assert.Equal(t, underMin, m.UnderMinISR)
	assert.Equal(t, leaders, m.Leaders)
	assert.Equal(t, 3, m.Leaders)
	assert.Positive(t, m.IsrShrinks)
	assert.Equal(t, log.KindCount(engine.EventIsrShrunk), m.IsrShrinks)
	assert.Zero(t, m.IsrExpands)
	require.Len(t, m.Groups, 1)
	assert.Equal(t, "g1", m.Groups[0].Group)
	assert.Equal(t, 1, m.Groups[0].Members)

	run(t, sh, "broker start "+itoa(solo.Leader), "settle")
	log.Append(sh.Sim().EventsSince(log.LastSeq()))
	m = ComputeMetrics(sh.Sim().View(), log.KindCount(engine.EventIsrShrunk), log.KindCount(engine.EventIsrExpanded))
	assert.Zero(t, m.UnderReplicated)
	assert.Zero(t, m.Offline)
	assert.Positive(t, m.IsrExpands)
}

func TestMetricsCountProducersAndGroupsSortedByName(t *testing.T) {
	sh := newShell(t, createOrders,
		"producer add p1 --topic orders --producer-property acks=all",
		"producer send p1 --key a v1 v2 v3",
		"consumer add c2 --group zeta --topic orders",
		"consumer add c1 --group alpha --topic orders",
		"tick 10s", // join (group.initial.rebalance.delay.ms), poll, auto-commit
		"consumer kill c2",
		"producer send p1 --key a v4 v5 v6 v7",
		"tick 6s")
	m := ComputeMetrics(sh.Sim().View(), 0, 0)
	assert.Equal(t, int64(7), m.Produced)
	assert.Zero(t, m.FailedProduce)
	require.Len(t, m.Groups, 2)
	assert.Equal(t, GroupLag{Group: "alpha", State: "Stable", Lag: 0, Members: 1, Generation: 1}, m.Groups[0], "alpha polls and auto-commits")
	assert.Equal(t, "zeta", m.Groups[1].Group)
	assert.Equal(t, int64(4), m.Groups[1].Lag, "zeta's consumer crashed before the last four records")
}

func TestGroupLag(t *testing.T) {
	tests := []struct {
		name    string
		offsets []engine.GroupOffsetView
		want    int64
	}{
		{"nothing", nil, 0},
		{"committed lag, as kafka-consumer-groups shows it", []engine.GroupOffsetView{
			{Committed: 4, Position: 9, LogEndOffset: 10, Lag: 6},
			{Committed: 2, Position: -1, LogEndOffset: 2, Lag: 0},
		}, 6},
		{"nothing committed: counted from the owner's position", []engine.GroupOffsetView{
			{Committed: -1, Position: 3, LogEndOffset: 10, Lag: -1},
		}, 7},
		{"unknown: no leader or no owner", []engine.GroupOffsetView{
			{Committed: -1, Position: 3, LogEndOffset: -1, Lag: -1},
			{Committed: -1, Position: -1, LogEndOffset: 5, Lag: -1},
			{Committed: 1, Position: 1, LogEndOffset: 5, Lag: 4},
		}, 4},
		{"never negative", []engine.GroupOffsetView{
			{Committed: -1, Position: 12, LogEndOffset: 10, Lag: -1},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, groupLag(engine.GroupView{Offsets: tt.offsets}))
		})
	}
}

func TestMetricsFromASyntheticView(t *testing.T) {
	v := engine.View{
		Topics: []engine.TopicView{
			{Name: "__consumer_offsets", Partitions: []engine.PartitionView{{Leader: -1, Offline: true, UnderReplicated: true, UnderMinISR: true, LostRecords: 9}}},
			{Name: "a", Partitions: []engine.PartitionView{
				{Leader: 1, UnderReplicated: true, UnderMinISR: true, LostRecords: 2},
				{Leader: -1, Offline: true, UnderReplicated: true},
				{Leader: 2},
			}},
		},
		Producers: []engine.ProducerView{{Stats: engine.ProducerStats{Sent: 10, Acked: 7, Failed: 3}}, {Stats: engine.ProducerStats{Acked: 1, Failed: 1}}},
		Groups: []engine.GroupView{
			{GroupID: "b", State: engine.GroupPreparingRebalance, Generation: 4, Members: make([]engine.GroupMemberView, 2)},
			{GroupID: "a", State: engine.GroupEmpty},
		},
	}
	assert.Equal(t, Metrics{UnderReplicated: 2, Offline: 1, UnderMinISR: 1, IsrShrinks: 5, IsrExpands: 6,
		FailedProduce: 4, Produced: 8, LostRecords: 2, Leaders: 2,
		Groups: []GroupLag{{Group: "a", State: "Empty"}, {Group: "b", State: "PreparingRebalance", Members: 2, Generation: 4}},
	}, ComputeMetrics(v, 5, 6))
	assert.Equal(t, Metrics{Groups: []GroupLag{}}, ComputeMetrics(engine.View{}, 0, 0))
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }
