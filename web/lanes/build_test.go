package lanes

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/kafkahash"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildDrawsPartitionLanesCellsAndMarkers(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "orders", 1, 3)
	produceKeyed(t, sh, "orders", "alice:order 1", "bob:order 2", "alice:order 3", "NULL:keyless", "a-very-long-key:x")
	run(t, sh, "settle")
	v := sh.Sim().View()
	pv, ok := v.Partition("orders", 0)
	require.True(t, ok)
	s := Build(v, Options{})
	checkScene(t, s)

	block := node(t, s, "part/orders/0")
	assert.Equal(t, "orders-0", data(block, "partition"))
	assert.Equal(t, strconv.Itoa(int(pv.Leader)), data(block, "leader"))
	assert.Equal(t, "5", data(block, "hw"))
	assert.Equal(t, "5", data(block, "leo"))
	assert.Equal(t, joinIDs(pv.ISR), data(block, "isr"))
	assert.Equal(t, "partition", block.Class)
	assert.False(t, hasNode(s, "flags/orders/0"), "a healthy partition has no flags")
	assert.Contains(t, node(t, s, "head/orders/0").Text, "orders-0 · leader "+strconv.Itoa(int(pv.Leader)))
	assert.Equal(t, s.W, block.W)
	assert.Equal(t, block.Y+block.H, s.H)

	// One lane per replica, in assignment order, the leader starred.
	lanes := withPrefix(s, "lane/orders/0/")
	require.Len(t, lanes, 3)
	for i, id := range pv.Replicas {
		l := lanes[i]
		assert.Equal(t, "lane/orders/0/b"+strconv.Itoa(int(id)), l.Key)
		assert.Equal(t, laneY(i), l.Y)
		assert.Equal(t, "true", data(l, "insync"))
		label := node(t, s, "lanelabel/orders/0/b"+strconv.Itoa(int(id)))
		if id == pv.Leader {
			assert.True(t, hasClass(l, "leader"))
			assert.Equal(t, "leader", data(l, "role"))
			assert.True(t, strings.HasPrefix(label.Text, "★ broker "+strconv.Itoa(int(id))+" · leader"), label.Text)
		} else {
			assert.True(t, hasClass(l, "follower"))
			assert.NotContains(t, label.Text, "★")
		}
	}

	// Cells: offset and key as text, colour by murmur2, everything in the label.
	b := "b" + strconv.Itoa(int(pv.Leader))
	c0 := node(t, s, "cell/orders/0/"+b+"/0")
	assert.Equal(t, "strip/orders/0/"+b, c0.Parent)
	assert.Equal(t, 0.0, node(t, s, "strip/orders/0/"+b).X, "a short log starts at offset 0")
	assert.Equal(t, 0.0, c0.X)
	assert.Equal(t, "0\nalice", c0.Text)
	assert.Equal(t, "offset 0, key alice, value order 1, leader epoch 0", c0.Label)
	assert.True(t, hasClass(c0, "key-"+strconv.Itoa(kafkahash.PartitionForKey([]byte("alice"), 8))))
	assert.Equal(t, [][2]string{{"broker", b[1:]}, {"offset", "0"}, {"partition", "orders-0"}}, c0.Data)
	assert.True(t, c0.Focusable)
	c2 := node(t, s, "cell/orders/0/"+b+"/2")
	assert.Equal(t, 2*cellWidth, c2.X)
	assert.Equal(t, c0.Class, c2.Class, "the same key has the same colour")
	c3 := node(t, s, "cell/orders/0/"+b+"/3")
	assert.True(t, hasClass(c3, "key-null"))
	assert.Equal(t, "3\n∅", c3.Text)
	assert.Contains(t, c3.Label, "key null")
	c4 := node(t, s, "cell/orders/0/"+b+"/4")
	assert.Equal(t, "4\na-ve…", c4.Text)
	assert.Contains(t, c4.Label, "key a-very-long-key")
	assert.Len(t, withPrefix(s, "cell/orders/0/"), 15)
	assert.False(t, hasNode(s, "earlier/orders/0/"+b), "a short log has nothing earlier")

	// Markers at offset boundaries; HW and LEO coincide and share one label.
	hw := node(t, s, "mark/orders/0/"+b+"/hw")
	leo := node(t, s, "mark/orders/0/"+b+"/leo")
	start := node(t, s, "mark/orders/0/"+b+"/start")
	assert.Equal(t, "5", data(hw, "offset"))
	assert.Equal(t, trackX+5*cellWidth-markerWidth/2, hw.X)
	assert.Equal(t, hw.X, leo.X)
	assert.Equal(t, "HW·LEO", hw.Text)
	assert.Empty(t, leo.Text)
	assert.Equal(t, "marker marker-hw", hw.Class)
	assert.Equal(t, "high watermark 5", hw.Label)
	assert.Equal(t, "0", data(start, "offset"))
	assert.Equal(t, trackX-markerWidth/2, start.X)
}

func TestBuildAfterLeaderIsKilled(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "orders", 1, 3)
	produceKeyed(t, sh, "orders", "alice:1", "bob:2", "carol:3")
	run(t, sh, "settle")
	before, _ := sh.Sim().View().Partition("orders", 0)
	old := before.Leader
	olds := strconv.Itoa(int(old))

	run(t, sh, "broker kill "+olds)
	run(t, sh, "tick 12s") // the controller notices after broker.session.timeout.ms
	produceKeyed(t, sh, "orders", "dave:4", "erin:5")
	run(t, sh, "tick 2s")
	v := sh.Sim().View()
	pv, _ := v.Partition("orders", 0)
	require.NotEqual(t, old, pv.Leader)
	require.GreaterOrEqual(t, pv.Leader, int32(0))
	s := Build(v, Options{})
	checkScene(t, s)

	block := node(t, s, "part/orders/0")
	assert.Equal(t, strconv.Itoa(int(pv.Leader)), data(block, "leader"))
	assert.True(t, hasClass(block, "under-replicated"))
	assert.NotContains(t, data(block, "isr"), olds)
	assert.Contains(t, node(t, s, "flags/orders/0").Text, "UNDER-REPLICATED")

	dead := node(t, s, "lane/orders/0/b"+olds)
	assert.True(t, hasClass(dead, "offline"))
	assert.True(t, hasClass(dead, "out-of-sync"))
	assert.True(t, hasClass(dead, "broker-crashed"))
	assert.Equal(t, "false", data(dead, "insync"))
	assert.Equal(t, "follower", data(dead, "role"))
	assert.Contains(t, node(t, s, "lanelabel/orders/0/b"+olds).Text, "out of sync, offline")
	assert.Equal(t, "3", data(dead, "leo"))

	nl := "b" + strconv.Itoa(int(pv.Leader))
	lead := node(t, s, "lane/orders/0/"+nl)
	assert.True(t, hasClass(lead, "leader"))
	assert.Contains(t, node(t, s, "lanelabel/orders/0/"+nl).Text, "★")
	// The new records are on the new leader, not on the dead broker.
	assert.True(t, hasNode(s, "cell/orders/0/"+nl+"/4"))
	assert.Equal(t, 4*cellWidth, node(t, s, "cell/orders/0/"+nl+"/4").X)
	assert.False(t, hasNode(s, "cell/orders/0/b"+olds+"/3"))
	assert.True(t, hasNode(s, "cell/orders/0/b"+olds+"/2"))
	assert.Equal(t, "3", data(node(t, s, "mark/orders/0/b"+olds+"/leo"), "offset"))
	assert.Equal(t, "5", data(node(t, s, "mark/orders/0/"+nl+"/leo"), "offset"))
	assert.Equal(t, trackX+5*cellWidth-markerWidth/2, node(t, s, "mark/orders/0/"+nl+"/hw").X)
}

func TestBuildWindowKeepsNodeCountBounded(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "big", 1, 3)
	lines := make([]string, 10_000)
	for i := range lines {
		lines[i] = "k" + strconv.Itoa(i%7) + ":v" + strconv.Itoa(i)
	}
	produceKeyed(t, sh, "big", lines...)
	run(t, sh, "settle")
	v := sh.Sim().View()

	s := Build(v, Options{})
	checkScene(t, s)
	assert.Len(t, withPrefix(s, "cell/"), 3*defaultWindowCells)
	assert.Less(t, len(s.Nodes), 3*(defaultWindowCells+8)+4)
	for _, b := range []string{"b1", "b2", "b3"} {
		cells := withPrefix(s, "cell/big/0/"+b+"/")
		require.Len(t, cells, defaultWindowCells)
		assert.Equal(t, "cell/big/0/"+b+"/9976", cells[0].Key)
		// On the track, a cell is at (offset-start)*cellWidth: the strip carries -start.
		strip := node(t, s, "strip/big/0/"+b)
		assert.Equal(t, 0.0, strip.X+cells[0].X)
		assert.Equal(t, 23*cellWidth, strip.X+cells[len(cells)-1].X)
		assert.Equal(t, "cell/big/0/"+b+"/9999", cells[len(cells)-1].Key)
		e := node(t, s, "earlier/big/0/"+b)
		assert.Equal(t, "… 9976 earlier", e.Text)
		start := node(t, s, "mark/big/0/"+b+"/start")
		assert.True(t, hasClass(start, "clamped"), "log start is left of the window")
		assert.Equal(t, "◀start", start.Text)
		assert.Equal(t, "0", data(start, "offset"))
	}

	wide := Build(v, Options{WindowCells: 100})
	assert.Len(t, withPrefix(wide, "cell/"), 300)
	assert.Equal(t, blockWidth(100), wide.W)
	huge := Build(v, Options{WindowCells: 1 << 30})
	assert.Len(t, withPrefix(huge, "cell/"), 3*maxWindowCells)
}

func TestWindowIsSharedByTheLanesOfAPartition(t *testing.T) {
	pv := engine.PartitionView{ReplicaStates: []engine.ReplicaView{
		{Broker: 1, LogStartOffset: 0, LogEndOffset: 100},
		{Broker: 2, LogStartOffset: 0, LogEndOffset: 40},
	}}
	assert.Equal(t, window{start: 76, end: 100, cells: 24}, partitionWindow(&pv, 24))
	pv.ReplicaStates[0].LogEndOffset, pv.ReplicaStates[1].LogEndOffset = 10, 3
	assert.Equal(t, window{start: 0, end: 10, cells: 24}, partitionWindow(&pv, 24))
	pv.ReplicaStates[0].LogStartOffset, pv.ReplicaStates[1].LogStartOffset = 8, 5
	assert.Equal(t, window{start: 5, end: 10, cells: 24}, partitionWindow(&pv, 24))
	assert.Equal(t, window{cells: 24}, partitionWindow(&engine.PartitionView{}, 24))
}

// handView is a one-partition view built by hand, for states that take long to reach through
// commands: uncommitted records, tombstones, compaction gaps, zombies, messages in flight.
func handView() engine.View {
	recs := []engine.Record{
		{Offset: 0, Key: "a", Value: "1", LeaderEpoch: 1},
		{Offset: 2, Key: "b", Value: "2", LeaderEpoch: 1}, // offset 1 compacted away
		{Offset: 3, Key: "a", NullValue: true, LeaderEpoch: 2},
		{Offset: 4, NullKey: true, Value: "x", LeaderEpoch: 2},
	}
	return engine.View{Tick: 10,
		Brokers: []engine.BrokerView{{ID: 1, State: "up"}, {ID: 2, State: "up"}, {ID: 3, State: "isolated"}},
		Topics: []engine.TopicView{
			{Name: "__consumer_offsets", Partitions: []engine.PartitionView{{Topic: "__consumer_offsets", Leader: 1, Replicas: []int32{1}}}},
			{Name: "t", Partitions: []engine.PartitionView{{Topic: "t", Partition: 0, Leader: 2, LeaderEpoch: 2,
				Replicas: []int32{2, 1, 3}, ISR: []int32{2, 1}, HighWatermark: 3, LogEndOffset: 5, LogStartOffset: 0,
				UnderReplicated: true, LostRecords: 2,
				ReplicaStates: []engine.ReplicaView{
					{Broker: 1, InSync: true, LogEndOffset: 5, HighWatermark: 3, Records: recs},
					{Broker: 2, IsLeader: true, ThinksLeader: true, InSync: true, LogEndOffset: 5, HighWatermark: 3, Records: recs},
					{Broker: 3, ThinksLeader: true, LogEndOffset: 3, HighWatermark: 2, Records: recs[:2]},
				}}}},
		},
		Groups: []engine.GroupView{
			{GroupID: "zeta/1", Offsets: []engine.GroupOffsetView{{Topic: "t", Partition: 0, Committed: 2, Position: 3, Lag: 1}}},
			{GroupID: "alpha", Offsets: []engine.GroupOffsetView{{Topic: "t", Partition: 0, Committed: -1, Position: -1, Lag: -1}}},
		},
		Consumers: []engine.ConsumerView{
			{Name: "in-group", Group: "alpha", Assignment: []engine.ConsumerPartitionView{{Topic: "t", Partition: 0, Position: 1}}},
			{Name: "solo", Assignment: []engine.ConsumerPartitionView{{Topic: "t", Partition: 0, Position: 4, Lag: 0}}},
		},
		InFlight: []engine.MessageView{
			{Kind: "Produce", From: -1, To: 2, Client: "p", Topic: "t", SentTick: 9, DueTick: 11, Records: 3},
			{Kind: "Produce", From: -1, To: 2, Client: "p", Topic: "t", SentTick: 9, DueTick: 11, Records: 1},
			{Kind: "Fetch", From: 1, To: 2, Topic: "t", SentTick: 10, DueTick: 12},
			{Kind: "FetchResponse", From: 2, To: -1, Client: "c", Topic: "t", SentTick: 8, DueTick: 10, Records: 2},
			{Kind: "Fetch", From: 9, To: 2, Topic: "t", SentTick: 10, DueTick: 12},        // broker 9 has no lane
			{Kind: "Produce", From: -1, To: 1, Topic: "other", SentTick: 10, DueTick: 12}, // undrawn partition
			{Kind: "Gossip", From: 1, To: 2, Topic: "t", SentTick: 10, DueTick: 12},       // unknown kind
		},
	}
}

func TestBuildCellStatesAndLaneFlags(t *testing.T) {
	s := Build(handView(), Options{})
	checkScene(t, s)
	assert.False(t, hasNode(s, "part/__consumer_offsets/0"), "internal topics are not drawn by default")
	assert.Equal(t, "lane/t/0/b2", withPrefix(s, "lane/")[0].Key, "assignment order")

	assert.False(t, hasNode(s, "cell/t/0/b1/1"), "a compacted offset has no cell")
	assert.Equal(t, 2*cellWidth, node(t, s, "cell/t/0/b1/2").X)
	assert.False(t, hasClass(node(t, s, "cell/t/0/b1/2"), "uncommitted"))
	c3 := node(t, s, "cell/t/0/b1/3")
	assert.True(t, hasClass(c3, "uncommitted"))
	assert.True(t, hasClass(c3, "tombstone"))
	assert.Equal(t, "offset 3, key a, value null, leader epoch 2, uncommitted (at or above this replica's high watermark), tombstone", c3.Label)
	assert.True(t, hasClass(node(t, s, "cell/t/0/b3/2"), "uncommitted"), "uncommitted is per replica HW")

	zombie := node(t, s, "lane/t/0/b3")
	assert.True(t, hasClass(zombie, "zombie"))
	assert.True(t, hasClass(zombie, "out-of-sync"))
	assert.True(t, hasClass(zombie, "offline"))
	assert.True(t, hasClass(zombie, "broker-isolated"))
	assert.Equal(t, "broker 3 · follower\nzombie, out of sync, isolated", node(t, s, "lanelabel/t/0/b3").Text)

	flags := node(t, s, "flags/t/0")
	assert.Equal(t, "UNDER-REPLICATED · 2 RECORDS LOST", flags.Text)

	// Groups by id then standalone consumers; group members are not standalone.
	rows := withPrefix(s, "row/t/0/")
	var rowKeys []string
	for _, r := range rows {
		if r.Parent == "part/t/0" {
			rowKeys = append(rowKeys, r.Key)
		}
	}
	assert.Equal(t, []string{"row/t/0/g/alpha", "row/t/0/g/zeta%2F1", "row/t/0/c/solo"}, rowKeys)
	assert.False(t, hasNode(s, "row/t/0/g/alpha/committed"), "nothing committed, no marker")
	com := node(t, s, "row/t/0/g/zeta%2F1/committed")
	assert.Equal(t, [][2]string{{"group", "zeta/1"}, {"offset", "2"}}, com.Data)
	assert.Equal(t, trackX+2*cellWidth-markerWidth/2, com.X)
	assert.Equal(t, [][2]string{{"consumer", "solo"}, {"offset", "4"}}, node(t, s, "row/t/0/c/solo/position").Data)
	head := node(t, s, "head/t/0").Text
	assert.Equal(t, "t-0 · leader 2 · epoch 2 · ISR [2,1] · HW 3 · LEO 5 · lag unknown (group alpha) · lag 1 (group zeta/1)", head)
	block := node(t, s, "part/t/0")
	assert.Equal(t, headerHeight+3*laneHeight+3*rowHeight+blockPad, block.H)
}

func TestBuildTopicsOption(t *testing.T) {
	v := handView()
	s := Build(v, Options{Topics: []string{"__consumer_offsets", "t", "missing", "t"}})
	checkScene(t, s)
	blocks := []string{}
	for _, n := range s.Nodes {
		if n.Parent == "" {
			blocks = append(blocks, n.Key)
		}
	}
	assert.Equal(t, []string{"part/__consumer_offsets/0", "part/t/0"}, blocks)
	second := node(t, s, "part/t/0")
	first := node(t, s, "part/__consumer_offsets/0")
	assert.Equal(t, first.Y+first.H+blockGap, second.Y)
	assert.Empty(t, Build(v, Options{Topics: []string{}}).Nodes)
}

func TestBuildHighlight(t *testing.T) {
	v := handView()
	s := Build(v, Options{Highlight: Highlight{Broker: 1, Topic: "t", Partition: 0, Offsets: []int64{4, 0}}})
	assert.True(t, hasClass(node(t, s, "part/t/0"), "hl"))
	assert.True(t, hasClass(node(t, s, "lane/t/0/b1"), "hl"))
	assert.False(t, hasClass(node(t, s, "lane/t/0/b2"), "hl"))
	assert.True(t, hasClass(node(t, s, "cell/t/0/b2/4"), "hl"))
	assert.True(t, hasClass(node(t, s, "cell/t/0/b1/0"), "hl"))
	assert.False(t, hasClass(node(t, s, "cell/t/0/b1/2"), "hl"))

	brokerOnly := Build(v, Options{Highlight: Highlight{Broker: 3, Partition: -1}})
	assert.True(t, hasClass(node(t, brokerOnly, "lane/t/0/b3"), "hl"))
	assert.False(t, hasClass(node(t, brokerOnly, "part/t/0"), "hl"))

	none := Build(v, Options{Highlight: Highlight{Broker: -1, Partition: -1}})
	for _, n := range none.Nodes {
		assert.False(t, hasClass(n, "hl"), n.Key)
	}
}

func TestBuildFlights(t *testing.T) {
	v := handView()
	assert.Empty(t, withPrefix(Build(v, Options{}), "fly/"), "paused: nothing moves")
	assert.Empty(t, withPrefix(Build(v, Options{MsPerTick: 100, ReducedMotion: true}), "fly/"))

	s := Build(v, Options{MsPerTick: 100})
	checkScene(t, s)
	fl := withPrefix(s, "fly/")
	require.Len(t, fl, 4)
	keys := []string{}
	for _, f := range fl {
		keys = append(keys, f.Key)
		assert.Equal(t, "part/t/0", f.Parent)
	}
	assert.Equal(t, []string{
		"fly/t/0/Produce/-1/2/p/9/0", "fly/t/0/Produce/-1/2/p/9/1",
		"fly/t/0/Fetch/1/2//10/0", "fly/t/0/FetchResponse/2/-1/c/8/0"}, keys)

	// Produce: sent at 9, due at 11, now 10: half way from the left edge to the leader's LEO.
	p := fl[0]
	leaderY := laneY(0) + cellTop + (cellHeight-flightSize)/2
	toX := trackX + 5*cellWidth - flightSize/2
	assert.Equal(t, toX, p.ToX)
	assert.Equal(t, leaderY, p.ToY)
	assert.Equal(t, (labelWidth+toX)/2, p.X)
	assert.Equal(t, leaderY, p.Y)
	assert.Equal(t, 100.0, p.DurMs)
	assert.Equal(t, "3", p.Text)
	assert.Equal(t, "Produce from client p to broker 2, 3 records", p.Label)
	assert.True(t, hasClass(p, "flight-produce"))
	assert.True(t, hasClass(p, "flight-client"))

	// A follower fetch goes straight from its lane (index 1) to the leader's lane.
	f := fl[2]
	assert.Equal(t, laneY(1)+cellTop+(cellHeight-flightSize)/2, f.Y)
	assert.Equal(t, leaderY, f.ToY)
	assert.Equal(t, f.X, f.ToX)
	assert.Equal(t, 200.0, f.DurMs)

	// A consumer fetch response that is due now sits at the right edge with no time left.
	r := fl[3]
	assert.Equal(t, r.ToX, r.X)
	assert.Equal(t, 0.0, r.DurMs)

	// Keys stay put as time passes; positions move.
	v.Tick = 11
	later := byKey(Build(v, Options{MsPerTick: 100}))
	assert.Equal(t, toX, later[p.Key].X)
}

func TestBuildWithGroupsFromTheEngine(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "orders", 2, 3)
	produceKeyed(t, sh, "orders", "a:1", "b:2", "c:3", "d:4")
	run(t, sh, "consumer add c1 --group billing --topic orders --consumer-property auto.offset.reset=earliest")
	run(t, sh, "tick 12s")
	v := sh.Sim().View()
	s := Build(v, Options{})
	checkScene(t, s)
	assert.False(t, hasNode(s, "part/__consumer_offsets/0"))
	for p := range 2 {
		ps := strconv.Itoa(p)
		pv, _ := v.Partition("orders", int32(p))
		row := node(t, s, "row/orders/"+ps+"/g/billing")
		assert.Equal(t, "0", data(row, "lag"))
		assert.Contains(t, node(t, s, "head/orders/"+ps).Text, "lag 0 (group billing)")
		com := node(t, s, "row/orders/"+ps+"/g/billing/committed")
		assert.Equal(t, strconv.FormatInt(pv.HighWatermark, 10), data(com, "offset"))
		assert.Equal(t, "committed", com.Text, "rows do not merge labels: CSS stacks them")
		assert.Equal(t, "position", node(t, s, "row/orders/"+ps+"/g/billing/position").Text)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	scene := func() Scene {
		sh := newShell(t)
		createTopic(t, sh, "orders", 3, 3)
		createTopic(t, sh, "audit", 2, 2)
		produceKeyed(t, sh, "orders", "a:1", "b:2", "c:3", "d:4", "e:5")
		produceKeyed(t, sh, "audit", "x:1", "y:2")
		run(t, sh, "consumer add c1 --group g1 --topic orders")
		run(t, sh, "consumer add c2 --group g2 --topic orders,audit")
		run(t, sh, "producer add p --topic orders --rate 20 --keys k1,k2,k3")
		run(t, sh, "tick 7s")
		run(t, sh, "broker kill 2")
		run(t, sh, "tick 3")
		return Build(sh.Sim().View(), Options{MsPerTick: 50, Highlight: Highlight{Broker: 2, Partition: -1}})
	}
	a, b := scene(), scene()
	checkScene(t, a)
	require.NotEmpty(t, withPrefix(a, "fly/"), "the producer keeps messages in flight")
	require.Equal(t, a, b)
	assert.Empty(t, Diff(a, b))
}

func TestTruncateAndKeyPart(t *testing.T) {
	assert.Equal(t, "abcde", truncate("abcde", 5))
	assert.Equal(t, "abcd…", truncate("abcdef", 5))
	assert.Equal(t, "ééé", truncate("ééé", 5))
	assert.Equal(t, "日本語キ…", truncate("日本語キーです", 5))
	assert.Equal(t, "plain", keyPart("plain"))
	assert.Equal(t, "a%2Fb%252F", keyPart("a/b%2F"))
	assert.Equal(t, `""`, string(appendKeyText(nil, &engine.Record{})))
	assert.Equal(t, "∅", string(appendKeyText(nil, &engine.Record{NullKey: true})))
}

func TestBuildCopesWithOddViews(t *testing.T) {
	odd := handView()
	pv := &odd.Topics[1].Partitions[0]
	pv.Replicas = []int32{2, 2, 7}
	pv.ReplicaStates = append(pv.ReplicaStates, pv.ReplicaStates[0]) // broker 1 twice
	pv.ReplicaStates[0].Records = []engine.Record{{Offset: 3}, {Offset: 3}, {Offset: 1}, {Offset: 9}}
	pv.ReplicaStates[0].LogEndOffset = 10
	odd.Topics = append(odd.Topics, engine.TopicView{Name: "empty", Partitions: []engine.PartitionView{{Topic: "empty", Leader: -1, HighWatermark: -1, LogEndOffset: -1, Offline: true}}})
	for _, o := range []Options{
		{},
		{WindowCells: -5, MsPerTick: math.NaN()},
		{MsPerTick: math.Inf(1)},
		{WindowCells: 1, MsPerTick: 1e-9, Highlight: Highlight{Broker: -1, Partition: -1, Topic: "t", Offsets: []int64{-1, 3}}},
	} {
		s := Build(odd, o)
		checkScene(t, s)
		assert.Len(t, withPrefix(s, "lane/t/0/"), 3)
		assert.Equal(t, "OFFLINE", node(t, s, "flags/empty/0").Text)
		assert.Contains(t, node(t, s, "head/empty/0").Text, "empty-0 · no leader")
	}
	checkScene(t, Build(engine.View{}, Options{}))
	assert.Empty(t, Build(engine.View{}, Options{}).Nodes)
}

func TestKeyColourIsStableAcrossPartitionsAndFrames(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "a", 1, 1)
	createTopic(t, sh, "b", 1, 1)
	produceKeyed(t, sh, "a", "alice:1", "bob:2")
	produceKeyed(t, sh, "b", "x:1", "alice:2")
	run(t, sh, "settle")
	s1 := Build(sh.Sim().View(), Options{})
	produceKeyed(t, sh, "a", "carol:3")
	run(t, sh, "settle")
	s2 := Build(sh.Sim().View(), Options{WindowCells: 2})
	v := sh.Sim().View()
	pa, _ := v.Partition("a", 0)
	pb, _ := v.Partition("b", 0)
	ca := "cell/a/0/b" + strconv.Itoa(int(pa.Leader)) + "/"
	cb := "cell/b/0/b" + strconv.Itoa(int(pb.Leader)) + "/"
	want := "cell key-" + strconv.Itoa(kafkahash.PartitionForKey([]byte("alice"), 8))
	assert.Equal(t, want, node(t, s1, ca+"0").Class)
	assert.Equal(t, want, node(t, s1, cb+"1").Class)
	assert.Equal(t, node(t, s1, ca+"1").Class, node(t, s2, ca+"1").Class, "bob keeps his colour as the window slides")
}

func TestCellsForWidthFitsTheContainer(t *testing.T) {
	for _, px := range []float64{600, 800, 1024, 1400, 3000} {
		n := CellsForWidth(px)
		assert.LessOrEqual(t, trackX+float64(n)*cellWidth+padRight, px, "%v px", px)
		assert.Greater(t, trackX+float64(n+1)*cellWidth+padRight, px, "%v px: one more cell would not fit", px)
	}
	assert.Equal(t, 8, CellsForWidth(100))
	assert.Equal(t, maxWindowCells, CellsForWidth(1e9))
}
