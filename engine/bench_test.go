package engine_test

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
)

// benchRecords is how many records one benchmark operation pushes through the cluster: enough
// that the fixed cost of building a cluster is noise next to the data path.
const benchRecords = 100_000

// BenchmarkProduceReplicateConsume measures the data path the playground exists to show:
// records produced with acks=all, replicated to three brokers, acknowledged once the high
// watermark passes them, then fetched and polled by a consumer. It uses the engine API directly
// so that the figure is the engine's, not the command parser's. The goal is at least a million
// simulated records per wall-clock second on the 2-core development machine, so that a lesson
// that moves thousands of records never makes the browser wait; it is a benchmark, not a timed
// test, because wall-clock speed depends on the machine.
//
// records/s is records consumed per wall-clock second, cluster construction included.
func BenchmarkProduceReplicateConsume(b *testing.B) {
	values := make([]string, benchRecords) // built once, so that allocs/op counts the engine's
	for i := range values {
		values[i] = "value-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		produceReplicateConsume(b, values)
	}
	b.ReportMetric(float64(b.N)*benchRecords/b.Elapsed().Seconds(), "records/s")
}

// produceReplicateConsume runs one operation of the benchmark and fails it if the consumer
// does not read back exactly what was acknowledged, so a "fast" engine that drops records
// cannot look good.
func produceReplicateConsume(b *testing.B, values []string) {
	n := len(values)
	cfg := engine.DefaultConfig()
	cfg.Brokers = 3
	sim := engine.MustNew(cfg)
	const topic, parts = "bench", 3
	if err := sim.CreateTopic(engine.CreateTopicRequest{Name: topic, Partitions: parts, ReplicationFactor: 3,
		Configs: map[string]string{"min.insync.replicas": "2"}}); err != nil {
		b.Fatal(err)
	}
	pc, err := cfg.ParseProducerConfig(map[string]string{"acks": "all", "batch.size": "1048576", "linger.ms": "100"})
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.AddProducer("p", pc); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := sim.Send("p", engine.SendRequest{Topic: topic, Partition: int32(i % parts), NullKey: true,
			Value: values[i]}); err != nil {
			b.Fatal(err)
		}
	}
	p := sim.Producer("p")
	for deadline := sim.Now() + 10_000; p.Pending() > 0; sim.Tick() {
		if sim.Now() > deadline {
			b.Fatalf("%d record(s) still pending after 10000 ticks", p.Pending())
		}
	}
	if st := p.Stats(); st.Acked != n {
		b.Fatalf("acked %d of %d records (%+v)", st.Acked, n, st)
	}

	cc, err := cfg.ParseConsumerConfig(map[string]string{"auto.offset.reset": "earliest", "max.poll.records": "10000"})
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.AddConsumer("c", cc); err != nil {
		b.Fatal(err)
	}
	tps := make([]engine.TopicPartition, parts)
	for i := range tps {
		tps[i] = engine.TopicPartition{Topic: topic, Partition: int32(i)}
	}
	if err := sim.Assign("c", tps); err != nil {
		b.Fatal(err)
	}
	read := 0
	for deadline := sim.Now() + 10_000; read < n; {
		sim.Tick()
		recs, err := sim.Poll("c")
		if err != nil {
			b.Fatal(err)
		}
		read += len(recs)
		if sim.Now() > deadline {
			b.Fatalf("read %d of %d records after 10000 ticks", read, n)
		}
	}
	if read != n {
		b.Fatalf("read %d records, want %d", read, n)
	}
}

// BenchmarkIdleTick measures one tick of a quiet cluster that still has work to do every tick:
// 5 brokers and 120 partitions whose followers keep fetching from their leaders with nothing
// to replicate. `settle`, `tick 300s` and a lesson's running clock are thousands of such
// ticks, so this overhead bounds how fast simulated time can pass.
func BenchmarkIdleTick(b *testing.B) {
	cfg := engine.DefaultConfig()
	cfg.Brokers = 5
	sim := engine.MustNew(cfg)
	for i := 0; i < 20; i++ {
		if err := sim.CreateTopic(engine.CreateTopicRequest{Name: "topic-" + strconv.Itoa(i), Partitions: 6, ReplicationFactor: 3}); err != nil {
			b.Fatal(err)
		}
	}
	sim.TickN(100) // every follower is fetching by now
	b.ReportAllocs()
	for b.Loop() {
		sim.Tick()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
}
