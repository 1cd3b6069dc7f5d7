package lanes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apply plays ops on a map of drawn nodes the way the browser side does, checking the order
// promises: a created node's parent exists, an updated node exists, a removed node has no
// children left.
func apply(t *testing.T, drawn map[string]Node, ops []Op) {
	t.Helper()
	for _, op := range ops {
		n := op.Node
		switch op.Kind {
		case OpCreate:
			require.NotContains(t, drawn, n.Key)
			if n.Parent != "" {
				require.Contains(t, drawn, n.Parent, "parent of %s", n.Key)
			}
			drawn[n.Key] = n
		case OpUpdate:
			require.Contains(t, drawn, n.Key)
			if n.Parent != "" {
				require.Contains(t, drawn, n.Parent, "parent of %s", n.Key)
			}
			drawn[n.Key] = n
		case OpRemove:
			require.Contains(t, drawn, n.Key)
			for _, c := range drawn {
				require.NotEqual(t, n.Key, c.Parent, "%s removed before its child %s", n.Key, c.Key)
			}
			delete(drawn, n.Key)
		default:
			require.Failf(t, "bad op", "%v", op.Kind)
		}
	}
}

func TestDiffRoundTripsThroughAStory(t *testing.T) {
	sh := newShell(t)
	var scenes []Scene
	snap := func(o Options) { scenes = append(scenes, Build(sh.Sim().View(), o)) }
	snap(Options{})
	createTopic(t, sh, "orders", 2, 3)
	snap(Options{})
	produceKeyed(t, sh, "orders", "a:1", "b:2", "c:3")
	snap(Options{})
	run(t, sh, "producer add p --topic orders --rate 50 --keys k1,k2")
	run(t, sh, "tick 2s")
	snap(Options{MsPerTick: 100})
	run(t, sh, "tick 1")
	snap(Options{MsPerTick: 100, WindowCells: 8})
	run(t, sh, "broker kill 1")
	run(t, sh, "tick 12s")
	snap(Options{MsPerTick: 100, Highlight: Highlight{Broker: 1, Partition: -1}})
	snap(Options{Topics: []string{"orders"}, ReducedMotion: true})
	scenes = append(scenes, Scene{})

	drawn := map[string]Node{}
	prev := Scene{}
	for i, next := range scenes {
		ops := Diff(prev, next)
		apply(t, drawn, ops)
		assert.Equal(t, byKey(next), drawn, "scene %d", i)
		prev = next
	}
	assert.Empty(t, drawn)
}

func TestDiffOperations(t *testing.T) {
	a := Scene{Nodes: []Node{
		{Key: "p"}, {Key: "p/a", Parent: "p", Text: "a"}, {Key: "p/b", Parent: "p", Data: [][2]string{{"x", "1"}}},
		{Key: "q"}, {Key: "q/c", Parent: "q"},
	}}
	assert.Empty(t, Diff(a, a))
	assert.Empty(t, Diff(Scene{}, Scene{}))

	b := Scene{Nodes: []Node{
		{Key: "p"}, {Key: "p/a", Parent: "p", Text: "a2"}, {Key: "p/b", Parent: "p", Data: [][2]string{{"x", "2"}}},
		{Key: "r"}, {Key: "r/d", Parent: "r"},
	}}
	ops := Diff(a, b)
	var got []string
	for _, op := range ops {
		got = append(got, op.Kind.String()+" "+op.Node.Key)
	}
	assert.Equal(t, []string{"remove q/c", "remove q", "update p/a", "update p/b", "create r", "create r/d"}, got)
	assert.Equal(t, "q", ops[1].Node.Key)
	assert.Equal(t, "q", ops[0].Node.Parent, "a remove carries the node as drawn")

	// A node whose only change is its data slice contents is updated.
	c := Scene{Nodes: []Node{{Key: "p"}, {Key: "p/a", Parent: "p", Text: "a"}, {Key: "p/b", Parent: "p", Data: [][2]string{{"x", "1"}, {"y", "1"}}}, {Key: "q"}, {Key: "q/c", Parent: "q"}}}
	require.Len(t, Diff(a, c), 1)
	assert.Equal(t, OpUpdate, Diff(a, c)[0].Kind)
	assert.Equal(t, "unknown", OpKind(0).String())
}

func TestDiffOfAGrowingLogTouchesOnlyWhatChanged(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "orders", 1, 1)
	produceKeyed(t, sh, "orders", "a:1", "b:2")
	run(t, sh, "settle")
	a := Build(sh.Sim().View(), Options{})
	produceKeyed(t, sh, "orders", "c:3")
	run(t, sh, "settle")
	b := Build(sh.Sim().View(), Options{})
	kinds := map[OpKind][]string{}
	for _, op := range Diff(a, b) {
		kinds[op.Kind] = append(kinds[op.Kind], op.Node.Key)
	}
	assert.Equal(t, []string{"cell/orders/0/b1/2"}, kinds[OpCreate])
	assert.Empty(t, kinds[OpRemove])
	assert.NotContains(t, kinds[OpUpdate], "cell/orders/0/b1/0", "old cells keep their element untouched")
	assert.Contains(t, kinds[OpUpdate], "mark/orders/0/b1/hw")
}

func TestDiffOfASlidingWindowMovesTheStripNotTheCells(t *testing.T) {
	sh := newShell(t)
	createTopic(t, sh, "orders", 1, 1)
	lines := make([]string, 30)
	for i := range lines {
		lines[i] = "k:v"
	}
	produceKeyed(t, sh, "orders", lines...)
	run(t, sh, "settle")
	a := Build(sh.Sim().View(), Options{})
	produceKeyed(t, sh, "orders", "k:new")
	run(t, sh, "settle")
	b := Build(sh.Sim().View(), Options{})
	kinds := map[OpKind][]string{}
	for _, op := range Diff(a, b) {
		kinds[op.Kind] = append(kinds[op.Kind], op.Node.Key)
	}
	assert.Equal(t, []string{"cell/orders/0/b1/30"}, kinds[OpCreate])
	assert.Equal(t, []string{"cell/orders/0/b1/6"}, kinds[OpRemove])
	assert.Contains(t, kinds[OpUpdate], "strip/orders/0/b1")
	for _, k := range kinds[OpUpdate] {
		assert.NotContains(t, k, "cell/", "no cell moves when the window slides")
	}
}
