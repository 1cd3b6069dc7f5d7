package lessons

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// argKind is how an op's argument (or a subject's name) is written.
type argKind uint8

const (
	argInt       argKind = iota + 1
	argBool              // true or false
	argString            // any text
	argEnum              // one of opSpec.enum
	argPartition         // TOPIC-PARTITION
	argCommitted         // TOPIC-PARTITION=OFFSET
	argConfig            // key=value
)

// opSpec is one condition a subject can be asked about. describe phrases the wanted state as a
// predicate of the subject ("has 3 in-sync replicas"); eval returns whether it holds and what
// was actually seen ("ISR [1,2]").
type opSpec struct {
	arg      argKind
	enum     []string
	eval     func(st State, l *leaf, v value) (bool, string)
	describe func(l *leaf, v value) string
}

// subjectSpec is one kind of thing a goal can name.
type subjectSpec struct {
	key      string             // the YAML key that names the subject; "" for cluster-wide ops
	arg      argKind            // how the subject's name is written
	filters  map[string]argKind // further keys that narrow the subject (record and event subjects)
	required []string           // filters that must be given
	implicit string             // the op used when none is given, with argument 1
	describe func(l *leaf) string
	ops      map[string]*opSpec
}

// subjects are tried in this order: the first key found in a mapping picks the subject, so
// `{record_key: k1, topic: orders, ...}` is about a record, with topic as its filter.
var subjects []*subjectSpec

func init() {
	subjects = []*subjectSpec{recordSubject("record_key"), recordSubject("record_value"), eventSubject,
		partitionSubject, topicSubject, groupSubject, consumerSubject, brokerSubject, controllerSubject}
}

// clusterSubject holds the ops that need no subject: {lost_records: 0}.
var clusterSubject = &subjectSpec{
	describe: func(*leaf) string { return "" },
	ops: map[string]*opSpec{
		"lost_records": {arg: argInt,
			eval: func(st State, _ *leaf, v value) (bool, string) {
				n := 0
				for _, t := range st.View.Topics {
					for _, p := range t.Partitions {
						n += p.LostRecords
					}
				}
				return int64(n) == v.i, fmt.Sprintf("%d acknowledged record(s) lost", n)
			},
			describe: func(_ *leaf, v value) string {
				if v.i == 0 {
					return "no acknowledged record has been lost"
				}
				return fmt.Sprintf("%d acknowledged record(s) have been lost", v.i)
			}},
		"active_controller": {arg: argInt,
			eval: func(st State, _ *leaf, v value) (bool, string) {
				return int64(st.View.ActiveController) == v.i, activeControllerText(st.View)
			},
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("controller %d is the active controller", v.i) }},
		"active_controller_not": {arg: argInt,
			eval: func(st State, _ *leaf, v value) (bool, string) {
				a := st.View.ActiveController
				return a >= 0 && int64(a) != v.i, activeControllerText(st.View)
			},
			describe: func(_ *leaf, v value) string {
				return fmt.Sprintf("a controller other than %d is the active controller", v.i)
			}},
		"has_active_controller": {arg: argBool,
			eval: func(st State, _ *leaf, v value) (bool, string) {
				return (st.View.ActiveController >= 0) == v.b, activeControllerText(st.View)
			},
			describe: boolPhrase("the controller quorum has an active controller",
				"the controller quorum has no active controller")},
		"brokers_up": {arg: argInt,
			eval: func(st State, _ *leaf, v value) (bool, string) {
				n := 0
				for _, b := range st.View.Brokers {
					if b.State == "up" {
						n++
					}
				}
				return int64(n) == v.i, fmt.Sprintf("%d broker(s) up", n)
			},
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("%d broker(s) are up", v.i) }},
	},
}

func activeControllerText(v engine.View) string {
	if v.ActiveController < 0 {
		return "no active controller"
	}
	return fmt.Sprintf("active controller %d", v.ActiveController)
}

var partitionSubject = &subjectSpec{
	key: "partition", arg: argPartition,
	describe: func(l *leaf) string { return "partition " + l.name },
	ops: map[string]*opSpec{
		"leader": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.Leader >= 0 && int64(p.Leader) == v.i, leaderText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("is led by broker %d", v.i) }},
		"leader_not": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.Leader >= 0 && int64(p.Leader) != v.i, leaderText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a leader other than broker %d", v.i) }},
		"leader_epoch_at_least": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return int64(p.LeaderEpoch) >= v.i, fmt.Sprintf("leader epoch %d", p.LeaderEpoch)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has leader epoch %d or more", v.i) }},
		"isr_size": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return int64(len(p.ISR)) == v.i, isrText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has %d in-sync replica(s)", v.i) }},
		"isr_size_at_most": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return int64(len(p.ISR)) <= v.i, isrText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has at most %d in-sync replica(s)", v.i) }},
		"isr_has": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return slices.Contains(p.ISR, int32(v.i)), isrText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has broker %d in its ISR", v.i) }},
		"isr_lacks": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return !slices.Contains(p.ISR, int32(v.i)), isrText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("does not have broker %d in its ISR", v.i) }},
		"hw": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.HighWatermark == v.i, hwText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has high watermark %d", v.i) }},
		"hw_at_least": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.HighWatermark >= v.i, hwText(p)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a high watermark of at least %d", v.i) }},
		"log_start_at_least": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.LogStartOffset >= v.i, fmt.Sprintf("log start offset %d", p.LogStartOffset)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a log start offset of at least %d", v.i) }},
		"offline": {arg: argBool,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.Offline == v.b, leaderText(p)
			}),
			describe: boolPhrase("has no leader (it is offline)", "has a leader")},
		"under_min_isr": {arg: argBool,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.UnderMinISR == v.b, fmt.Sprintf("%s, min.insync.replicas=%d", isrText(p), p.MinInsyncReplica)
			}),
			describe: boolPhrase("has fewer in-sync replicas than min.insync.replicas",
				"has at least min.insync.replicas in-sync replicas")},
		"under_replicated": {arg: argBool,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return p.UnderReplicated == v.b, fmt.Sprintf("%s of %d replica(s)", isrText(p), len(p.Replicas))
			}),
			describe: boolPhrase("is under-replicated", "has every replica in sync")},
		"lost_records": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				return int64(p.LostRecords) == v.i, fmt.Sprintf("%d acknowledged record(s) lost", p.LostRecords)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has lost %d acknowledged record(s)", v.i) }},
		"replica_caught_up": {arg: argInt,
			eval: partitionEval(func(p engine.PartitionView, v value) (bool, string) {
				for _, r := range p.ReplicaStates {
					if int64(r.Broker) == v.i {
						return p.Leader >= 0 && r.LogEndOffset == p.LogEndOffset,
							fmt.Sprintf("broker %d's replica ends at offset %d, the leader's at %d", r.Broker, r.LogEndOffset, p.LogEndOffset)
					}
				}
				return false, fmt.Sprintf("broker %d holds no replica", v.i)
			}),
			describe: func(_ *leaf, v value) string {
				return fmt.Sprintf("has broker %d's replica caught up with the leader's log end", v.i)
			}},
	},
}

func partitionEval(f func(p engine.PartitionView, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		p, ok := st.View.Partition(l.topic, l.part)
		if !ok {
			return false, "it does not exist"
		}
		return f(p, v)
	}
}

func leaderText(p engine.PartitionView) string {
	if p.Leader < 0 {
		return "no leader"
	}
	return fmt.Sprintf("leader broker %d", p.Leader)
}

func isrText(p engine.PartitionView) string { return "ISR " + idList(p.ISR) }

func hwText(p engine.PartitionView) string {
	if p.Leader < 0 {
		return "no high watermark (no leader)"
	}
	return fmt.Sprintf("high watermark %d", p.HighWatermark)
}

func idList(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(int(id))
	}
	return "[" + strings.Join(s, ",") + "]"
}

func boolPhrase(yes, no string) func(*leaf, value) string {
	return func(_ *leaf, v value) string {
		if v.b {
			return yes
		}
		return no
	}
}

var topicSubject = &subjectSpec{
	key: "topic", arg: argString,
	describe: func(l *leaf) string { return "topic " + l.name },
	ops: map[string]*opSpec{
		"exists": {arg: argBool,
			eval: func(st State, l *leaf, v value) (bool, string) {
				_, ok := st.View.Topic(l.name)
				return ok == v.b, existsText(ok)
			},
			describe: boolPhrase("exists", "does not exist")},
		"partitions": {arg: argInt,
			eval: topicEval(func(t engine.TopicView, v value) (bool, string) {
				return int64(len(t.Partitions)) == v.i, fmt.Sprintf("%d partition(s)", len(t.Partitions))
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has %d partition(s)", v.i) }},
		"replication_factor": {arg: argInt,
			eval: topicEval(func(t engine.TopicView, v value) (bool, string) {
				return int64(t.ReplicationFactor) == v.i, fmt.Sprintf("replication factor %d", t.ReplicationFactor)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has replication factor %d", v.i) }},
		"config": {arg: argConfig,
			eval: topicEval(func(t engine.TopicView, v value) (bool, string) {
				k, want, _ := strings.Cut(v.s, "=")
				got, ok := t.Configs[k]
				if !ok {
					return false, k + " not set"
				}
				return got == want, k + "=" + got
			}),
			describe: func(_ *leaf, v value) string { return "has config " + v.s }},
		"leader_brokers": {arg: argInt,
			eval: topicEval(func(t engine.TopicView, v value) (bool, string) {
				var ids []int32
				for _, p := range t.Partitions {
					if p.Leader >= 0 && !slices.Contains(ids, p.Leader) {
						ids = append(ids, p.Leader)
					}
				}
				slices.Sort(ids)
				return int64(len(ids)) == v.i, "leaders on brokers " + idList(ids)
			}),
			describe: func(_ *leaf, v value) string {
				return fmt.Sprintf("has its partition leaders spread over %d different broker(s)", v.i)
			}},
		"records_at_least": {arg: argInt,
			eval: topicEval(func(t engine.TopicView, v value) (bool, string) {
				n := 0
				for _, p := range t.Partitions {
					n += len(readable(p))
				}
				return int64(n) >= v.i, fmt.Sprintf("%d readable record(s)", n)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("holds at least %d readable record(s)", v.i) }},
	},
}

func topicEval(f func(t engine.TopicView, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		t, ok := st.View.Topic(l.name)
		if !ok {
			return false, "it does not exist"
		}
		return f(t, v)
	}
}

func existsText(ok bool) string {
	if ok {
		return "it exists"
	}
	return "it does not exist"
}

// readable returns the records a consumer can read from a partition: the leader's, below the
// high watermark. Goals about records look only at these, as a learner checking with the
// console consumer would.
func readable(p engine.PartitionView) []engine.Record {
	for _, r := range p.ReplicaStates {
		if r.Broker == p.Leader && r.IsLeader {
			n := 0
			for n < len(r.Records) && r.Records[n].Offset < p.HighWatermark {
				n++
			}
			return r.Records[:n]
		}
	}
	return nil
}
