package engine_test

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
)

// BenchmarkCheckedTick measures what checking every invariant after every tick costs once the
// logs are long: 3 brokers, a 3-replica partition holding 100,000 acknowledged acks=all records
// read by a group consumer, and a producer still writing. "tick" is a tick alone, "check" a
// tick followed by a check with a checker that has watched from the start. The checks that look
// at records are incremental, so "check" should stay close to "tick" however long the logs get;
// simcheck runs thousands of seeds this way.
func BenchmarkCheckedTick(b *testing.B) {
	for _, checked := range []bool{false, true} {
		name := "tick"
		if checked {
			name = "check"
		}
		b.Run(name, func(b *testing.B) {
			sim, chk := longLogCluster(b, 100_000)
			b.ReportAllocs()
			for b.Loop() {
				sim.Tick()
				if checked {
					if vs := chk.Check(sim); len(vs) > 0 {
						b.Fatal(vs[0])
					}
				}
			}
		})
	}
}

func longLogCluster(b *testing.B, n int) (*engine.Sim, *engine.InvariantChecker) {
	b.Helper()
	cfg := engine.DefaultConfig()
	sim := engine.MustNew(cfg)
	chk := engine.NewInvariantChecker()
	if err := sim.CreateTopic(engine.CreateTopicRequest{Name: "long", Partitions: 1, ReplicationFactor: 3,
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
	gc, err := cfg.ParseGroupConsumerConfig("g", []string{"long"}, map[string]string{"auto.offset.reset": "earliest"})
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.AddGroupConsumer("c", gc); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := sim.Send("p", engine.SendRequest{Topic: "long", Partition: 0, NullKey: true, Value: "v" + strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 0 {
			sim.Tick()
			chk.Check(sim)
		}
	}
	for p := sim.Producer("p"); p.Pending() > 0; {
		sim.Tick()
		chk.Check(sim)
	}
	if err := sim.SetProducerRate("p", "long", 20, nil); err != nil {
		b.Fatal(err)
	}
	sim.TickN(50)
	if vs := chk.Check(sim); len(vs) > 0 {
		b.Fatal(vs[0])
	}
	return sim, chk
}
