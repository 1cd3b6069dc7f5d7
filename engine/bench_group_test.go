package engine_test

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
)

// groupBenchPartitions and groupBenchConsumers shape BenchmarkConsumerGroup: twelve partitions
// shared by four members, three each, the way a small production group looks.
const (
	groupBenchPartitions = 12
	groupBenchConsumers  = 4
)

// BenchmarkConsumerGroup measures the data path with a consumer group at the end: records
// produced with acks=all, replicated to three brokers, then read by four subscribed consumers
// that poll every tick, heartbeat to their coordinator and auto-commit to __consumer_offsets (50
// partitions that every tick also walks). It is BenchmarkProduceReplicateConsume's group
// counterpart, so the two figures show what group membership costs.
//
// records/s is records returned by poll() per wall-clock second, cluster and group set-up included.
func BenchmarkConsumerGroup(b *testing.B) {
	values := make([]string, benchRecords) // built once, so that allocs/op counts the engine's
	for i := range values {
		values[i] = "value-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		consumerGroupRun(b, values)
	}
	b.ReportMetric(float64(b.N)*benchRecords/b.Elapsed().Seconds(), "records/s")
}

// consumerGroupRun runs one operation: form the group, produce every record, and tick until the
// members have polled them all. It fails if the members poll more or fewer records than were
// acknowledged (a rebalance that duplicated records, or records lost), so that speed cannot come
// from dropping work.
func consumerGroupRun(b *testing.B, values []string) {
	n := len(values)
	cfg := engine.DefaultConfig()
	cfg.Brokers = 3
	sim := engine.MustNew(cfg)
	const topic = "bench"
	if err := sim.CreateTopic(engine.CreateTopicRequest{Name: topic, Partitions: groupBenchPartitions, ReplicationFactor: 3,
		Configs: map[string]string{"min.insync.replicas": "2"}}); err != nil {
		b.Fatal(err)
	}
	names := make([]string, groupBenchConsumers)
	for i := range names {
		names[i] = "member-" + strconv.Itoa(i)
		gc, err := cfg.ParseGroupConsumerConfig("bench-group", []string{topic},
			map[string]string{"auto.offset.reset": "earliest", "max.poll.records": "2000"})
		if err != nil {
			b.Fatal(err)
		}
		gc.AutoPoll = true
		if err := sim.AddGroupConsumer(names[i], gc); err != nil {
			b.Fatal(err)
		}
	}
	for deadline := sim.Now() + 1_000; !allStable(sim, names); sim.Tick() {
		if sim.Now() > deadline {
			b.Fatal("the group did not become Stable within 1000 ticks")
		}
	}

	pc, err := cfg.ParseProducerConfig(map[string]string{"acks": "all", "batch.size": "1048576", "linger.ms": "100"})
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.AddProducer("p", pc); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := sim.Send("p", engine.SendRequest{Topic: topic, Partition: int32(i % groupBenchPartitions), NullKey: true,
			Value: values[i]}); err != nil {
			b.Fatal(err)
		}
	}
	polled := 0
	for deadline := sim.Now() + 10_000; polled < n; {
		sim.Tick()
		polled = 0
		for _, name := range names {
			polled += sim.Consumer(name).Polled()
		}
		if sim.Now() > deadline {
			b.Fatalf("the group polled %d of %d records after 10000 ticks", polled, n)
		}
	}
	if st := sim.Producer("p").Stats(); st.Acked != n || polled != n {
		b.Fatalf("acked %d and polled %d of %d records", st.Acked, polled, n)
	}
}

func allStable(sim *engine.Sim, names []string) bool {
	for _, name := range names {
		if !sim.GroupMemberStable(name) {
			return false
		}
	}
	return true
}
