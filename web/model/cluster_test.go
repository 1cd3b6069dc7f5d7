package model

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func actionCommands(as []Action) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Command
	}
	return out
}

func TestBrokerActionsByState(t *testing.T) {
	running, stopped, crashed := engine.BrokerRunning, engine.BrokerStopped, engine.BrokerCrashed
	tests := []struct {
		name string
		b    engine.BrokerView
		want []string
	}{
		{"up", engine.BrokerView{ID: 2, Status: running, State: "up"},
			[]string{"broker stop 2", "broker kill 2", "broker isolate 2", "broker slow 2"}},
		{"up and slow", engine.BrokerView{ID: 2, Status: running, State: "up", Slow: true},
			[]string{"broker stop 2", "broker kill 2", "broker isolate 2", "broker heal 2"}},
		{"stopped", engine.BrokerView{ID: 2, Status: stopped, State: "stopped"}, []string{"broker start 2"}},
		{"crashed", engine.BrokerView{ID: 2, Status: crashed, State: "crashed", Fenced: true}, []string{"broker start 2"}},
		{"crashed while isolated", engine.BrokerView{ID: 2, Status: crashed, State: "crashed", Isolated: true},
			[]string{"broker start 2", "broker heal 2"}},
		{"isolated", engine.BrokerView{ID: 2, Status: running, State: "isolated", Isolated: true},
			[]string{"broker stop 2", "broker kill 2", "broker heal 2"}},
		{"fenced", engine.BrokerView{ID: 2, Status: running, State: "fenced", Fenced: true},
			[]string{"broker stop 2", "broker kill 2"}},
		{"fenced and slow", engine.BrokerView{ID: 2, Status: running, State: "fenced", Fenced: true, Slow: true},
			[]string{"broker stop 2", "broker kill 2", "broker heal 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, actionCommands(brokerActions(tt.b)))
		})
	}
}

func TestBrokerActionLabelsAreAccessibleNames(t *testing.T) {
	as := brokerActions(engine.BrokerView{ID: 3, Status: engine.BrokerRunning, State: "up", Slow: true})
	assert.Equal(t, []Action{
		{Name: "Stop", Label: "Stop broker 3", Command: "broker stop 3"},
		{Name: "Kill", Label: "Kill broker 3", Command: "broker kill 3", Danger: true},
		{Name: "Isolate", Label: "Isolate broker 3", Command: "broker isolate 3", Danger: true},
		{Name: "Heal", Label: "Heal broker 3", Command: "broker heal 3"},
	}, as)
}

// TestEveryOfferedBrokerActionRuns drives broker 1 into each state through the shell and runs
// every action its card offers on a fresh copy: no button may lead to an error.
func TestEveryOfferedBrokerActionRuns(t *testing.T) {
	setups := []struct {
		state string
		lines []string
	}{
		{"up", nil},
		{"up", []string{"broker slow 1"}},
		{"stopped", []string{"broker stop 1"}},
		{"stopped", []string{"broker slow 1", "broker stop 1"}},
		{"crashed", []string{"broker kill 1", "settle"}},
		{"crashed", []string{"broker isolate 1", "broker kill 1"}},
		{"isolated", []string{"broker isolate 1"}},
		{"isolated", []string{"broker isolate 1", "settle"}},
		// With no controller to register with, a restarted broker stays fenced.
		{"fenced", []string{"broker stop 1", "controller kill 1000", "controller kill 1001", "controller kill 1002", "broker start 1"}},
		{"fenced", []string{"broker stop 1", "controller kill 1000", "controller kill 1001", "controller kill 1002", "broker start 1", "broker slow 1"}},
	}
	seen := map[string]bool{}
	for _, s := range setups {
		sh := newShell(t, append([]string{createOrders}, s.lines...)...)
		cards := BrokerCards(sh.Sim().View())
		require.Len(t, cards, 3)
		card := cards[0]
		require.Equal(t, int32(1), card.ID)
		require.Equal(t, s.state, card.State, "%v", s.lines)
		seen[s.state] = true
		require.NotEmpty(t, card.Actions)
		for _, a := range card.Actions {
			fresh := newShell(t, append([]string{createOrders}, s.lines...)...)
			res := fresh.Exec(a.Command, nil)
			assert.NoError(t, res.Err, "%s after %v", a.Command, s.lines)
		}
	}
	assert.Len(t, seen, 5, "every broker state is covered")
}

func TestBrokerCardsCountLeadersAndReplicas(t *testing.T) {
	sh := newShell(t, createOrders, "broker kill 2", "settle")
	cards := BrokerCards(sh.Sim().View())
	require.Len(t, cards, 3)
	leaders, replicas := 0, 0
	for _, c := range cards {
		leaders += c.Leaders
		replicas += c.Replicas
		assert.False(t, c.IsController, "controllers are dedicated nodes")
	}
	assert.Equal(t, 3, leaders)
	assert.Equal(t, 9, replicas)
	assert.Equal(t, "crashed", cards[1].State)
	assert.Zero(t, cards[1].Leaders)
	assert.Equal(t, []string{"broker start 2"}, actionCommands(cards[1].Actions))
}

func TestControllerCards(t *testing.T) {
	sh := newShell(t, "controller kill 1000", "controller isolate 1001", "tick 5s")
	cards := ControllerCards(sh.Sim().View())
	require.Len(t, cards, 3)
	byID := map[int32]ControllerCard{}
	active := 0
	for _, c := range cards {
		byID[c.ID] = c
		active += btoi(c.Active)
	}
	assert.LessOrEqual(t, active, 1)
	assert.Equal(t, "crashed", byID[1000].Status)
	assert.Equal(t, []string{"controller start 1000"}, actionCommands(byID[1000].Actions))
	assert.Equal(t, "isolated", byID[1001].Status)
	assert.True(t, byID[1001].Isolated)
	assert.Equal(t, []string{"controller stop 1001", "controller kill 1001", "controller heal 1001"}, actionCommands(byID[1001].Actions))
	assert.Equal(t, "up", byID[1002].Status)
	assert.Equal(t, Action{Name: "Kill", Label: "Kill controller 1002", Command: "controller kill 1002", Danger: true}, byID[1002].Actions[1])
	for _, c := range cards {
		for _, a := range c.Actions {
			fresh := newShell(t, "controller kill 1000", "controller isolate 1001", "tick 5s")
			assert.NoError(t, fresh.Exec(a.Command, nil).Err, a.Command)
		}
	}
	fresh := newShell(t)
	var ids []int32
	for _, c := range ControllerCards(fresh.Sim().View()) {
		ids = append(ids, c.ID)
		assert.Equal(t, c.ID == fresh.Sim().View().ActiveController, c.Active)
	}
	assert.Equal(t, []int32{1000, 1001, 1002}, ids)
}

func TestProducerRows(t *testing.T) {
	sh := newShell(t, createOrders,
		"producer add p2 --topic orders --producer-property acks=1 --rate 10 --keys a,b",
		"producer add p1 --topic orders --producer-property acks=all",
		"producer send p1 v1 v2",
		"tick 1s")
	rows := ProducerRows(sh.Sim().View())
	require.Len(t, rows, 2)
	p1, p2 := rows[0], rows[1]
	assert.Equal(t, "p1", p1.Name)
	assert.Equal(t, "orders", p1.Topic)
	assert.Equal(t, "all", p1.Acks)
	assert.True(t, p1.Idempotence)
	assert.Zero(t, p1.RatePerSec)
	assert.Equal(t, 2, p1.Sent)
	assert.Equal(t, 2, p1.Acked)
	assert.Equal(t, []Action{
		{Name: "Resume", Label: "Resume producer p1 at 5 records a second", Command: "producer rate p1 5"},
		{Name: "Stop", Label: "Stop producer p1", Command: "producer stop p1"},
		{Name: "Kill", Label: "Kill producer p1", Command: "producer kill p1", Danger: true},
	}, p1.Actions)
	assert.Equal(t, "orders · acks=all · idempotent · paused · 2 sent, 2 acked, 0 failed, 0 pending", p1.Summary())

	assert.Equal(t, "p2", p2.Name)
	assert.Equal(t, "1", p2.Acks)
	assert.False(t, p2.Idempotence)
	assert.Equal(t, 10, p2.RatePerSec)
	assert.Positive(t, p2.Sent)
	assert.Equal(t, []string{"producer rate p2 0", "producer stop p2", "producer kill p2"}, actionCommands(p2.Actions))
	assert.True(t, strings.HasPrefix(p2.Summary(), "orders · acks=1 · 10/s · "), p2.Summary())

	for _, r := range rows {
		for _, a := range r.Actions {
			fresh := newShell(t, createOrders,
				"producer add p2 --topic orders --producer-property acks=1 --rate 10 --keys a,b",
				"producer add p1 --topic orders --producer-property acks=all")
			assert.NoError(t, fresh.Exec(a.Command, nil).Err, a.Command)
		}
	}
}

func TestConsumerRows(t *testing.T) {
	lines := []string{
		"kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
		"kafka-console-producer.sh --topic orders",
		"consumer add c1 --group g1 --topic orders --consumer-property partition.assignment.strategy=range",
		"consumer add c2 --group g1 --topic orders --consumer-property partition.assignment.strategy=range",
		"consumer add c3 --group g1 --topic orders --consumer-property partition.assignment.strategy=range",
		"tick 10s",
		"consumer slow c3",
	}
	sh := newShell(t, lines...)
	rows := ConsumerRows(sh.Sim().View())
	require.Len(t, rows, 3)
	var idle, active []ConsumerRow
	for _, r := range rows {
		assert.Equal(t, "g1", r.Group)
		if r.Idle {
			assert.Equal(t, "idle", r.State)
			assert.Empty(t, r.Assignment)
			idle = append(idle, r)
		} else {
			assert.Equal(t, "active", r.State)
			assert.Regexp(t, `^orders-\d$`, r.Assignment)
			active = append(active, r)
		}
	}
	assert.Len(t, idle, 1, "three members, two partitions")
	assert.Len(t, active, 2)
	assert.Equal(t, []string{"c1", "c2", "c3"}, []string{rows[0].Name, rows[1].Name, rows[2].Name})
	c3 := rows[2]
	assert.True(t, c3.Slow)
	assert.Equal(t, []Action{
		{Name: "Resume", Label: "Resume consumer c3", Command: "consumer resume c3"},
		{Name: "Stop", Label: "Stop consumer c3", Command: "consumer stop c3"},
		{Name: "Kill", Label: "Kill consumer c3", Command: "consumer kill c3", Danger: true},
	}, c3.Actions)
	assert.Equal(t, []string{"consumer slow c1", "consumer stop c1", "consumer kill c1"}, actionCommands(rows[0].Actions))
	for _, r := range rows {
		for _, a := range r.Actions {
			fresh := newShell(t, lines...)
			assert.NoError(t, fresh.Exec(a.Command, nil).Err, a.Command)
		}
	}
}

func TestConsumerRowAssignmentSortedAndLagSummed(t *testing.T) {
	v := engine.View{Consumers: []engine.ConsumerView{
		{Name: "b", Group: "g", Assignment: []engine.ConsumerPartitionView{
			{Topic: "orders", Partition: 2, Lag: 3}, {Topic: "audit", Partition: 0, Lag: -1}, {Topic: "orders", Partition: 0, Lag: 4},
		}},
		{Name: "a", Group: "g", Slow: true},
	}}
	rows := ConsumerRows(v)
	require.Len(t, rows, 2)
	assert.Equal(t, ConsumerRow{Name: "a", Group: "g", State: "idle", Idle: true, Slow: true, Actions: rows[0].Actions}, rows[0])
	assert.Equal(t, "group g · idle: no partitions · not polling · lag 0", rows[0].Summary())
	assert.Equal(t, "audit-0, orders-0, orders-2", rows[1].Assignment)
	assert.Equal(t, int64(7), rows[1].Lag, "unknown lag (-1) adds nothing")
	assert.Equal(t, "group g · audit-0, orders-0, orders-2 · lag 7", rows[1].Summary())
}

func TestClientNamesAreQuotedInActions(t *testing.T) {
	v := engine.View{
		Producers: []engine.ProducerView{{Name: "my producer", Acks: "all"}},
		Consumers: []engine.ConsumerView{{Name: "it's"}},
	}
	assert.Equal(t, []string{"producer stop 'my producer'", "producer kill 'my producer'"}, actionCommands(ProducerRows(v)[0].Actions))
	assert.Equal(t, []string{`consumer stop 'it'"'"'s'`, `consumer kill 'it'"'"'s'`}, actionCommands(ConsumerRows(v)[0].Actions),
		"a consumer outside a group cannot be slowed")
	assert.Equal(t, "Stop producer my producer", ProducerRows(v)[0].Actions[0].Label, "labels are prose, not shell")
}

func TestEmptyViewGivesEmptyLists(t *testing.T) {
	var v engine.View
	assert.Empty(t, BrokerCards(v))
	assert.Empty(t, ControllerCards(v))
	assert.Empty(t, ProducerRows(v))
	assert.Empty(t, ConsumerRows(v))
}
