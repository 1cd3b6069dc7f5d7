package lessons

import (
	"os"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func parseGoal(t *testing.T, src string) *Goal {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(src), &doc))
	p := &parser{file: "goal"}
	g := p.goal(doc.Content[0], "goal", 0)
	require.Empty(t, p.errs)
	require.NotNil(t, g)
	return g
}

// goalCluster is a small cluster in a known state: orders with 2 partitions, keyed records,
// a group that has caught up, and broker 3 crashed and fenced.
func goalCluster(t *testing.T) State {
	sh := newShell(t)
	run := func(line string, input ...string) {
		require.NoError(t, sh.Exec(line, input).Err, line)
	}
	run("kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3 --config min.insync.replicas=2")
	// alice and bob hash to partition 1 and 0 of 2 (the reference table, n=2).
	run("kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=: --property null.marker=NULL",
		"alice:a1", "bob:b1", "alice:a2", "bob:NULL")
	run("consumer add c1 --group billing --topic orders --consumer-property auto.offset.reset=earliest")
	run("tick 10s")
	before := int64(len(sh.Sim().Events()))
	run("broker kill 3")
	run("settle")
	return State{View: sh.Sim().View(), Events: sh.Sim().EventsSince(before)}
}

func TestGoalsEvaluate(t *testing.T) {
	st := goalCluster(t)
	cases := []struct {
		goal     string
		want     bool
		describe string
	}{
		{`{partition: orders-0, leader_not: 3}`, true, "partition orders-0 has a leader other than broker 3"},
		{`{partition: orders-0, isr_size: 2, isr_lacks: 3}`, true, "partition orders-0 has 2 in-sync replica(s) and does not have broker 3 in its ISR"},
		{`{partition: orders-0, under_min_isr: false, under_replicated: true}`, true, ""},
		{`{partition: orders-9, offline: false}`, false, ""},
		{`{partition: orders-1, hw: 2}`, true, ""},
		{`{topic: orders, exists: true, partitions: 2, replication_factor: 3, config: min.insync.replicas=2}`, true, ""},
		{`{topic: nope, exists: false}`, true, "topic nope does not exist"},
		{`{topic: orders, records_at_least: 4}`, true, ""},
		{`{record_key: alice, topic: orders, in_partition: 1, count: 2, latest_value: a2}`, true, ""},
		{`{record_key: alice, topic: orders, in_partition: 0}`, false, ""},
		{`{record_key: bob, topic: orders, tombstone: true}`, true, `topic orders has a tombstone (a null value) as the latest record of key "bob"`},
		{`{record_key: carol, topic: orders, exists: false}`, true, ""},
		{`{record_value: b1, topic: orders, in_partition: 0}`, true, ""},
		{`{group: billing, state: Stable, members: 1, lag: 0}`, true, "group billing is Stable and has 1 member(s) and has a total lag of 0"},
		{`{group: billing, committed: orders-1=2}`, true, ""},
		{`{group: other, exists: false}`, true, ""},
		{`{consumer: c1, assigned: 2, owns: orders-0}`, true, ""},
		{`{broker: 3, state: crashed}`, true, "broker 3 is crashed"},
		{`{broker: 1, leaders_at_least: 1, replicas: 2}`, true, ""},
		{`{controller: 1002, active: true}`, true, ""},
		{`{lost_records: 0, brokers_up: 2, has_active_controller: true}`, true, ""},
		{`{active_controller_not: 1002}`, false, "a controller other than 1002 is the active controller"},
		{`{event: IsrShrunk, partition: orders-0}`, true, "an IsrShrunk event for partition orders-0 has happened since this step began"},
		{`{event: BrokerFenced, broker: 3}`, true, ""},
		{`{event: ProduceFailed}`, false, ""},
		{`{event: IsrShrunk, count_at_least: 2}`, true, ""},
		{`{event: IsrShrunk, contains: "broker 3 was fenced", topic: orders}`, true, ""},
		{`{all: [{broker: 3, state: crashed}, {lost_records: 0}]}`, true, "broker 3 is crashed and no acknowledged record has been lost"},
		{`{any: [{broker: 3, state: up}, {broker: 2, state: up}]}`, true, "broker 3 is up or broker 2 is up"},
		{`{not: {broker: 3, state: up}}`, true, "not (broker 3 is up)"},
		{`{all: [{any: [{lost_records: 1}, {lost_records: 0}]}, {brokers_up: 2}]}`, true,
			"(1 acknowledged record(s) have been lost or no acknowledged record has been lost) and 2 broker(s) are up"},
	}
	for _, c := range cases {
		t.Run(c.goal, func(t *testing.T) {
			g := parseGoal(t, c.goal)
			ok, detail := g.Eval(st)
			require.Equal(t, c.want, ok, detail)
			require.NotEmpty(t, detail)
			if c.describe != "" {
				require.Equal(t, c.describe, g.Describe())
			}
		})
	}
}

// A failing goal says what was seen and what was wanted, for the goal panel and test failures.
func TestGoalDetailExplainsFailure(t *testing.T) {
	st := goalCluster(t)
	_, detail := parseGoal(t, `{partition: orders-0, isr_size: 3}`).Eval(st)
	require.Equal(t, "partition orders-0: ISR [1,2] (wanted: has 3 in-sync replica(s))", detail)
	_, detail = parseGoal(t, `{group: billing, lag: 5}`).Eval(st)
	require.Equal(t, "group billing: total lag 0 (wanted: has a total lag of 5)", detail)
	_, detail = parseGoal(t, `{record_key: alice, topic: orders, in_partition: 0}`).Eval(st)
	require.Equal(t, "topic orders: found in partition 1 at offset(s) 0,1 (wanted: has its records with key \"alice\" in partition 0, and only there)", detail)
}

// Lag is unknown, never 0, for a group that has committed nothing: "lag 0" must mean caught up.
func TestGoalLagNeedsCommits(t *testing.T) {
	g := parseGoal(t, `{group: g, lag: 0}`)
	v := engine.View{Groups: []engine.GroupView{{GroupID: "g", Offsets: []engine.GroupOffsetView{{Topic: "t", Partition: 0, Committed: -1, Lag: -1}}}}}
	ok, detail := g.Eval(State{View: v})
	require.False(t, ok)
	require.Contains(t, detail, "lag unknown for t-0")
	ok, _ = g.Eval(State{View: engine.View{Groups: []engine.GroupView{{GroupID: "g"}}}})
	require.False(t, ok, "a group with no offsets at all has no lag of 0 either")
}

// Goals look only at what a consumer could read: records below the high watermark.
func TestGoalRecordsBelowHighWatermark(t *testing.T) {
	rec := engine.Record{Offset: 0, Key: "k1", Value: "v"}
	p := engine.PartitionView{Topic: "t", Leader: 1, HighWatermark: 0,
		ReplicaStates: []engine.ReplicaView{{Broker: 1, IsLeader: true, Records: []engine.Record{rec}}}}
	v := engine.View{Topics: []engine.TopicView{{Name: "t", Partitions: []engine.PartitionView{p}}}}
	g := parseGoal(t, `{record_key: k1, topic: t, exists: true}`)
	ok, _ := g.Eval(State{View: v})
	require.False(t, ok, "above the high watermark")
	v.Topics[0].Partitions[0].HighWatermark = 1
	ok, _ = g.Eval(State{View: v})
	require.True(t, ok)
}

// The README's table of goals is what authors read: it must name every condition there is.
func TestReadmeListsEveryCondition(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, s := range append(subjects, clusterSubject) {
		if s.key != "" {
			require.Contains(t, string(readme), "`"+s.key+":", "README: subject %s", s.key)
		}
		for _, op := range opNames(s) {
			require.Contains(t, string(readme), "`"+op+"`", "README: condition %s of %s", op, s.key)
		}
		for f := range s.filters {
			require.Contains(t, string(readme), "`"+f+"`", "README: filter %s of %s", f, s.key)
		}
	}
}
