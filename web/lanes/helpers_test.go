package lanes

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// newShell starts a default 3-broker cluster driven through the command language, the way the
// browser drives it.
func newShell(t testing.TB) *cli.Shell {
	t.Helper()
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	return sh
}

// run executes one command line and fails the test if it could not run.
func run(t testing.TB, sh *cli.Shell, line string, input ...string) string {
	t.Helper()
	res := sh.Exec(line, input)
	require.NoError(t, res.Err, "%s\n%s", line, res.Output)
	return res.Output
}

func createTopic(t testing.TB, sh *cli.Shell, name string, partitions, rf int, configs ...string) {
	t.Helper()
	line := "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic " + name +
		" --partitions " + strconv.Itoa(partitions) + " --replication-factor " + strconv.Itoa(rf)
	for _, c := range configs {
		line += " --config " + c
	}
	run(t, sh, line)
}

// produceKeyed sends "key:value" lines; the key "NULL" is a null key.
func produceKeyed(t testing.TB, sh *cli.Shell, topic string, lines ...string) {
	t.Helper()
	run(t, sh, "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic "+topic+
		" --property parse.key=true --property key.separator=: --property null.marker=NULL", lines...)
}

// byKey indexes a scene's nodes.
func byKey(s Scene) map[string]Node {
	m := make(map[string]Node, len(s.Nodes))
	for _, n := range s.Nodes {
		m[n.Key] = n
	}
	return m
}

func node(t testing.TB, s Scene, key string) Node {
	t.Helper()
	for _, n := range s.Nodes {
		if n.Key == key {
			return n
		}
	}
	require.Failf(t, "no such node", "%s", key)
	return Node{}
}

func hasNode(s Scene, key string) bool {
	return slices.ContainsFunc(s.Nodes, func(n Node) bool { return n.Key == key })
}

func data(n Node, name string) string {
	for _, d := range n.Data {
		if d[0] == name {
			return d[1]
		}
	}
	return "<none>"
}

func hasClass(n Node, c string) bool { return slices.Contains(strings.Fields(n.Class), c) }

// withPrefix lists the nodes whose key starts with prefix, in scene order.
func withPrefix(s Scene, prefix string) []Node {
	var out []Node
	for _, n := range s.Nodes {
		if strings.HasPrefix(n.Key, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// checkScene asserts what the browser side relies on: unique keys, parents before children,
// no text on a node with children (textContent would wipe them), data sorted by name, and
// finite numbers.
func checkScene(t testing.TB, s Scene) {
	t.Helper()
	seen := map[string]bool{}
	parents := map[string]bool{}
	for _, n := range s.Nodes {
		require.NotEmpty(t, n.Key)
		require.False(t, seen[n.Key], "duplicate key %s", n.Key)
		if n.Parent != "" {
			require.True(t, seen[n.Parent], "%s comes before its parent %s", n.Key, n.Parent)
			parents[n.Parent] = true
		}
		seen[n.Key] = true
		require.True(t, slices.IsSortedFunc(n.Data, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) }),
			"data of %s not sorted: %v", n.Key, n.Data)
		for _, f := range []float64{n.X, n.Y, n.W, n.H, n.ToX, n.ToY, n.DurMs} {
			require.False(t, math.IsNaN(f) || math.IsInf(f, 0), "%s has a non-finite number", n.Key)
		}
	}
	for _, n := range s.Nodes {
		if parents[n.Key] {
			require.Empty(t, n.Text, "%s has children and text", n.Key)
		}
	}
}
