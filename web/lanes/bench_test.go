package lanes

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
)

// benchViews are two consecutive frames of the benchmark cluster: 3 brokers, 12
// partitions with 3 replicas each and 10,000 records in all, a producer sending 200 records a
// second and a consumer group reading, so that messages are in flight and the second frame
// differs from the first the way one tick's frames do.
func benchViews(b *testing.B) (engine.View, engine.View) {
	sh := newShell(b)
	createTopic(b, sh, "orders", 12, 3)
	lines := make([]string, 10_000)
	for i := range lines {
		lines[i] = "customer-" + strconv.Itoa(i%97) + ":order " + strconv.Itoa(i)
	}
	produceKeyed(b, sh, "orders", lines...)
	run(b, sh, "consumer add billing --group billing --topic orders")
	run(b, sh, "producer add p --topic orders --rate 200 --keys k1,k2,k3,k4,k5,k6,k7")
	run(b, sh, "tick 5s")
	first := sh.Sim().View()
	run(b, sh, "tick 1")
	return first, sh.Sim().View()
}

// BenchmarkBuild is one frame's scene for the benchmark cluster (36 lanes of 24 cells each).
func BenchmarkBuild(b *testing.B) {
	v, _ := benchViews(b)
	o := Options{MsPerTick: 100}
	b.ReportAllocs()
	var s Scene
	for b.Loop() {
		s = Build(v, o)
	}
	b.ReportMetric(float64(len(s.Nodes)), "nodes")
}

// BenchmarkDiff compares two consecutive frames' scenes, what the browser does every tick.
func BenchmarkDiff(b *testing.B) {
	v1, v2 := benchViews(b)
	o := Options{MsPerTick: 100}
	s1, s2 := Build(v1, o), Build(v2, o)
	b.ReportAllocs()
	var ops []Op
	for b.Loop() {
		ops = Diff(s1, s2)
	}
	b.ReportMetric(float64(len(ops)), "ops")
}

// BenchmarkBuildAndDiff is the whole per-frame cost on the Go side: build the new scene and
// diff it against the previous one. The budget is well under 4 ms.
func BenchmarkBuildAndDiff(b *testing.B) {
	v1, v2 := benchViews(b)
	o := Options{MsPerTick: 100}
	prev := Build(v1, o)
	b.ReportAllocs()
	for b.Loop() {
		next := Build(v2, o)
		_ = Diff(prev, next)
	}
}
