package engine

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// The checker is incremental: it remembers how far it has verified each log and looks only at
// what is new. These tests make sure that remembering never hides a bug. Each one builds a
// busy cluster, lets the checker verify it (so that its marks are set), breaks one thing the
// way a bug in the engine would, and requires the named invariant to notice at the next check.

// checkedCluster is a 3-broker cluster with one acks=all topic (idempotent producer, 3
// replicas), one acks=1 topic, a group consumer on both, a few hundred records, and a checker
// that has watched every tick.
func checkedCluster(t *testing.T) (*Sim, *InvariantChecker) {
	t.Helper()
	cfg := DefaultConfig()
	s := MustNew(cfg)
	chk := NewInvariantChecker()
	s.SetObserver(func(s *Sim) {
		for _, v := range chk.Check(s) {
			t.Fatalf("unexpected violation while building the cluster: %s", v)
		}
	})
	require.NoError(t, s.CreateTopic(CreateTopicRequest{Name: "orders", Partitions: 1, ReplicationFactor: 3,
		Configs: map[string]string{"min.insync.replicas": "2"}}))
	require.NoError(t, s.CreateTopic(CreateTopicRequest{Name: "clicks", Partitions: 2, ReplicationFactor: 2}))
	all, err := cfg.ParseProducerConfig(map[string]string{"acks": "all", "linger.ms": "0"})
	require.NoError(t, err)
	one, err := cfg.ParseProducerConfig(map[string]string{"acks": "1"})
	require.NoError(t, err)
	require.NoError(t, s.AddProducer("p-all", all))
	require.NoError(t, s.AddProducer("p-one", one))
	gc, err := cfg.ParseGroupConsumerConfig("g", []string{"orders", "clicks"}, map[string]string{"auto.offset.reset": "earliest"})
	require.NoError(t, err)
	require.NoError(t, s.AddGroupConsumer("c", gc))
	for i := 0; i < 300; i++ {
		_, err := s.Send("p-all", SendRequest{Topic: "orders", Partition: 0, NullKey: true, Value: "o"})
		require.NoError(t, err)
		_, err = s.Send("p-one", SendRequest{Topic: "clicks", Partition: int32(i % 2), NullKey: true, Value: "c"})
		require.NoError(t, err)
		if i%10 == 0 {
			s.Tick()
		}
	}
	s.TickN(100)
	require.NoError(t, s.CommitConsumer("c"))
	s.TickN(10)
	s.SetObserver(nil)
	require.Empty(t, chk.Check(s))
	p := s.partition("orders", 0)
	require.Equal(t, int64(300), p.replicaOn(p.leader).hw, "every record is committed")
	require.Len(t, p.acked, 300)
	return s, chk
}

func requireViolation(t *testing.T, chk *InvariantChecker, s *Sim, name string) {
	t.Helper()
	var names []string
	for _, v := range chk.Check(s) {
		names = append(names, v.Invariant)
	}
	require.Contains(t, names, name)
}

// follower returns a follower of p.
func follower(p *partition) *replica {
	for _, r := range p.reps {
		if r.broker != p.leader {
			return r
		}
	}
	return nil
}

func TestCheckerFindsFollowerDivergingBelowHighWatermark(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	f := follower(p)
	// A bug that rewrites a record below the HW: a new array (records are never changed in
	// place), identical except for one record deep below the HW.
	recs := slices.Clone(f.log.records)
	recs[10].ID += 1_000_000
	f.log.records = recs
	requireViolation(t, chk, s, "ReplicasAgreeBelowHighWatermark")
}

func TestCheckerFindsFollowerMissingRecordsBelowHighWatermark(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	f := follower(p)
	f.log.records = slices.Delete(slices.Clone(f.log.records), 100, 101)
	requireViolation(t, chk, s, "ReplicasAgreeBelowHighWatermark")
}

func TestCheckerFindsAcknowledgedRecordLost(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	lr := p.replicaOn(p.leader)
	// A bug that lets a leader lose acknowledged records: the leader's log is cut below the HW.
	lr.log.truncateTo(250)
	requireViolation(t, chk, s, "NoAcknowledgedAcksAllRecordLost")
}

func TestCheckerFindsAcknowledgedRecordReplaced(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	lr := p.replicaOn(p.leader)
	// The same offset now holds another record: the acknowledged one was replaced (reordered).
	recs := slices.Clone(lr.log.records)
	recs[5], recs[6] = recs[6], recs[5]
	recs[5].Offset, recs[6].Offset = recs[6].Offset, recs[5].Offset
	lr.log.records = recs
	requireViolation(t, chk, s, "NoAcknowledgedAcksAllRecordLost")
}

func TestCheckerFindsOffsetsOutOfOrder(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("clicks", 1)
	r := p.reps[0]
	recs := slices.Clone(r.log.records)
	recs[len(recs)-1].Offset = recs[len(recs)-3].Offset
	r.log.records = recs
	requireViolation(t, chk, s, "OffsetsStrictlyIncrease")
}

func TestCheckerFindsRecordWithoutID(t *testing.T) {
	s, chk := checkedCluster(t)
	r := s.partition("clicks", 1).reps[0]
	recs := slices.Clone(r.log.records)
	recs[len(recs)-1].ID = 0
	r.log.records = recs
	requireViolation(t, chk, s, "RecordsHaveIDs")
}

func TestCheckerFindsLogStartGoingBack(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("clicks", 0)
	p.reps[1].log.advanceStart(20)
	require.Empty(t, chk.Check(s))
	p.reps[1].log.startOffset = 10
	requireViolation(t, chk, s, "LogStartOffsetNeverDecreases")
}

func TestCheckerFindsProducerOrderBroken(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	// The producer is told again that an early record was written, after later ones: as if a
	// retried batch had been appended a second time and acknowledged.
	p.acked = append(slices.Clone(p.acked), p.acked[3])
	requireViolation(t, chk, s, "AcknowledgedRecordsKeepProducerOrder")
}

func TestCheckerFindsConsumerReadingAboveHighWatermark(t *testing.T) {
	s, chk := checkedCluster(t)
	c := s.Consumer("c")
	require.NotEmpty(t, c.parts)
	c.parts[0].fetchOffset += 1000
	requireViolation(t, chk, s, "ConsumersReadBelowHighWatermark")
}

func TestCheckerFindsCommitAboveHighWatermark(t *testing.T) {
	s, chk := checkedCluster(t)
	g := s.groups[0]
	g.committed[TopicPartition{"orders", 0}] = 301
	requireViolation(t, chk, s, "CommittedOffsetWithinHighWatermark")
}

func TestCheckerFindsTwoLeadersInOneEpoch(t *testing.T) {
	s, chk := checkedCluster(t)
	p := s.partition("orders", 0)
	f := follower(p)
	f.knownLeader, f.knownEpoch = f.broker, p.leaderEpoch
	requireViolation(t, chk, s, "OneLeaderPerEpoch")
}

// TestCheckerFindsBugsWithoutHistory: a fresh checker finds the same record-level bugs as one
// that has watched the whole run, so the `check` command needs no history to be useful.
func TestCheckerFindsBugsWithoutHistory(t *testing.T) {
	s, _ := checkedCluster(t)
	p := s.partition("orders", 0)
	f := follower(p)
	recs := slices.Clone(f.log.records)
	recs[0].ID++
	f.log.records = recs
	requireViolation(t, NewInvariantChecker(), s, "ReplicasAgreeBelowHighWatermark")
}

// TestLogMark pins down when a mark still vouches for a log: appends and truncation above the
// marked record keep it; truncation below it, a fresh array (compaction, a follower's copy)
// and a log start moved past it do not.
func TestLogMark(t *testing.T) {
	var l partitionLog
	l.segments = []segment{{}}
	for i := int64(0); i < 10; i++ {
		l.appendRecord(Record{Offset: i, ID: uint64(i + 1)})
	}
	m := markThrough(&l, 5) // offsets 0-4 verified
	require.Equal(t, 5, m.resume(&l))

	for i := int64(10); i < 100; i++ { // grows into new arrays as it goes
		l.appendRecord(Record{Offset: i, ID: uint64(i + 1)})
	}
	m = markThrough(&l, 50)
	l.appendRecord(Record{Offset: 100, ID: 101})
	require.Equal(t, 50, m.resume(&l), "an append keeps the mark")

	l.truncateTo(60)
	require.Equal(t, 50, m.resume(&l), "a truncation above the mark keeps it")
	l.truncateTo(30)
	require.Equal(t, 0, m.resume(&l), "a truncation below the mark drops it")

	m = markThrough(&l, 20)
	l.advanceStart(5)
	require.Equal(t, 15, m.resume(&l), "retention below the mark keeps it, at its new index")
	l.advanceStart(25)
	require.Equal(t, 0, m.resume(&l), "retention past the mark drops it")

	m = markThrough(&l, 3)
	l.records = slices.Clone(l.records)
	require.False(t, m.valid(&l), "a fresh array drops the mark")
	require.Equal(t, logMark{}, markThrough(&l, 0))
}
