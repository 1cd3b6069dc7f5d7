package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allKinds walks the engine's kinds until the first one without a name, so a kind added after
// EventCompaction is walked too.
func allKinds(t *testing.T) []engine.EventKind {
	t.Helper()
	var kinds []engine.EventKind
	for k := engine.EventKind(1); k != 0 && !strings.HasPrefix(k.String(), "EventKind("); k++ {
		kinds = append(kinds, k)
	}
	require.Contains(t, kinds, engine.EventCompaction, "the walk must reach the last kind known when this was written")
	return kinds
}

func TestEveryEventKindHasExactlyOneOfTheFourCategories(t *testing.T) {
	four := []string{CategoryBrokers, CategoryPartitions, CategoryRecords, CategoryGroups}
	for _, k := range allKinds(t) {
		c, ok := kindCategory[k]
		if assert.True(t, ok, "event kind %s has no category: add it to kindCategory", k) {
			assert.Contains(t, four, c, k.String())
			assert.Equal(t, c, CategoryOf(k))
		}
	}
	assert.Len(t, kindCategory, len(allKinds(t)), "kindCategory names a kind the engine does not have")
	for k := range problemKinds {
		assert.Contains(t, allKinds(t), k)
	}
}

func TestCategoriesByTheBriefsNamePatterns(t *testing.T) {
	// The table is written out kind by kind; this checks it against the naming rule it follows.
	for _, k := range allKinds(t) {
		n := k.String()
		var want string
		switch {
		case hasAnyPrefix(n, "Broker", "Controller"):
			want = CategoryBrokers
		case hasAnyPrefix(n, "Leader", "Isr", "Topic", "Partitions", "Config", "LogTruncated"):
			want = CategoryPartitions
		case hasAnyPrefix(n, "RecordsAppended", "RecordsLost", "RecordsDuplicated", "Produce", "Retention", "Compaction"):
			want = CategoryRecords
		case hasAnyPrefix(n, "Group", "Offsets", "Commit", "RecordsReprocessed", "ConsumerSlow", "OffsetReset"):
			want = CategoryGroups
		}
		assert.Equal(t, want, CategoryOf(k), n)
	}
	var problems []string
	for _, k := range allKinds(t) {
		if IsProblem(k) {
			problems = append(problems, k.String())
		}
	}
	assert.ElementsMatch(t, []string{"RecordsLost", "LeaderOffline", "IsrShrunk", "ProduceFailed", "CommitFailed",
		"RecordsDuplicated", "RecordsReprocessed", "BrokerFenced", "ControllerLost"}, problems)
	assert.Equal(t, CategoryBrokers, CategoryOf(engine.EventKind(250)), "an unknown kind still shows somewhere")
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func TestCategoriesAreInDisplayOrderAndACopy(t *testing.T) {
	assert.Equal(t, []string{"all", "brokers", "partitions", "records", "groups", "problems"}, Categories())
	c := Categories()
	c[0] = "changed"
	assert.Equal(t, "all", Categories()[0])
}

func ev(seq int64, kind engine.EventKind) engine.Event {
	return engine.Event{Seq: seq, Tick: seq, TimeMs: seq * 100, Kind: kind, Broker: -1, Partition: -1, Message: fmt.Sprintf("event %d", seq)}
}

func seqs(lines []EventLine) []int64 {
	out := make([]int64, len(lines))
	for i, l := range lines {
		out[i] = l.Seq
	}
	return out
}

func TestEventLinesFromARealSimulationCarryTextTimeAndTarget(t *testing.T) {
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	log := NewEventLog(0)
	for _, line := range []string{
		"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --replication-factor 3",
		"broker kill 2", "settle",
	} {
		require.NoError(t, sh.Exec(line, nil).Err, line)
	}
	require.NoError(t, sh.Exec("kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:", []string{"a:1", "a:2"}).Err)
	log.Append(sh.Sim().Events())
	require.Equal(t, len(sh.Sim().Events()), log.Len())
	assert.Equal(t, int64(len(sh.Sim().Events())), log.LastSeq())

	byKind := map[string]EventLine{}
	for _, l := range log.Lines("all", 0) {
		byKind[l.Kind] = l
	}
	killed := byKind["BrokerKilled"]
	assert.Equal(t, "brokers", killed.Category)
	assert.Equal(t, Target{Broker: 2, Partition: -1}, killed.Target)
	assert.Equal(t, "0.0s", killed.TimeText)
	assert.Contains(t, killed.Text, "broker 2 crashed")

	shrunk := byKind["IsrShrunk"]
	assert.Equal(t, "partitions", shrunk.Category)
	assert.Equal(t, "orders", shrunk.Target.Topic)
	assert.GreaterOrEqual(t, shrunk.Target.Partition, int32(0))
	assert.Regexp(t, `^\d+\.\ds$`, shrunk.TimeText)

	appended := byKind["RecordsAppended"]
	assert.Equal(t, "records", appended.Category)
	assert.Equal(t, []int64{0, 1}, appended.Target.Offsets)
	assert.Equal(t, "console-producer", appended.Target.Client)

	// The text is the engine's own sentence, as the terminal prints it.
	for _, e := range sh.Sim().Events() {
		l := log.Lines(e.Kind.String(), 0)
		require.NotEmpty(t, l)
		found := slices.ContainsFunc(l, func(x EventLine) bool {
			return x.Seq == e.Seq && engine.DescribeEvent(e) == "["+x.TimeText+"] "+x.Text
		})
		assert.True(t, found, "event %d", e.Seq)
	}
}

func TestEventLogKeepsTheNewestLinesAndCountsEveryKind(t *testing.T) {
	log := NewEventLog(5)
	for i := int64(1); i <= 12; i++ {
		kind := engine.EventRecordsAppended
		if i%4 == 0 {
			kind = engine.EventIsrShrunk
		}
		log.Append([]engine.Event{ev(i, kind)})
	}
	assert.Equal(t, 5, log.Len())
	assert.Equal(t, []int64{8, 9, 10, 11, 12}, seqs(log.Lines("all", 0)))
	assert.Equal(t, []int64{11, 12}, seqs(log.Lines("all", 2)))
	assert.Equal(t, []int64{8, 12}, seqs(log.Lines("problems", 10)), "only retained lines")
	assert.Equal(t, int64(3), log.KindCount(engine.EventIsrShrunk), "trimmed lines still count")
	assert.Equal(t, int64(9), log.KindCount(engine.EventRecordsAppended))
	assert.Zero(t, log.KindCount(engine.EventIsrExpanded))
	assert.Equal(t, map[string]int{"all": 5, "brokers": 0, "partitions": 2, "records": 3, "groups": 0, "problems": 2}, log.Counts())
}

func TestEventLogLinesFilters(t *testing.T) {
	log := NewEventLog(0)
	kinds := []engine.EventKind{engine.EventBrokerKilled, engine.EventBrokerFenced, engine.EventIsrShrunk,
		engine.EventRecordsAppended, engine.EventRecordsAppended, engine.EventGroupStable, engine.EventLeaderElected,
		engine.EventRecordsLost, engine.EventCommitFailed, engine.EventRecordsAppended}
	var evs []engine.Event
	for i, k := range kinds {
		evs = append(evs, ev(int64(i+1), k))
	}
	log.Append(evs)
	tests := []struct {
		filter string
		limit  int
		want   []int64
	}{
		{"all", 0, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"", 3, []int64{8, 9, 10}},
		{"all", -1, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"brokers", 0, []int64{1, 2}},
		{"partitions", 0, []int64{3, 7}},
		{"records", 0, []int64{4, 5, 8, 10}},
		{"records", 2, []int64{8, 10}},
		{"groups", 0, []int64{6, 9}},
		{"problems", 0, []int64{2, 3, 8, 9}},
		{"problems", 1, []int64{9}},
		{"RecordsAppended", 2, []int64{5, 10}},
		{"IsrExpanded", 0, nil},
		{"nonsense", 0, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.filter, tt.limit), func(t *testing.T) {
			got := log.Lines(tt.filter, tt.limit)
			if tt.want == nil {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, seqs(got))
		})
	}
	// The result is a copy: changing it changes nothing in the log.
	got := log.Lines("all", 1)
	got[0].Text = "changed"
	assert.Equal(t, "event 10", log.Lines("all", 1)[0].Text)
}

func TestEventLogSkipsEventsItHasSeen(t *testing.T) {
	log := NewEventLog(0)
	log.Append([]engine.Event{ev(1, engine.EventBrokerKilled), ev(2, engine.EventBrokerFenced)})
	log.Append([]engine.Event{ev(2, engine.EventBrokerFenced), ev(3, engine.EventIsrShrunk)})
	assert.Equal(t, []int64{1, 2, 3}, seqs(log.Lines("all", 0)))
	assert.Equal(t, int64(1), log.KindCount(engine.EventBrokerFenced))
	assert.Equal(t, int64(3), log.LastSeq())
	log.Append(nil)
	assert.Equal(t, 3, log.Len())
}

func TestZeroEventLogIsUsable(t *testing.T) {
	var log EventLog
	assert.Empty(t, log.Lines("all", 10))
	assert.Empty(t, log.Lines("problems", 10))
	assert.Equal(t, 0, log.Counts()["all"])
	log.Append([]engine.Event{ev(1, engine.EventBrokerKilled)})
	assert.Equal(t, 1, log.Len())
	for i := int64(2); i <= DefaultEventLogLines+10; i++ {
		log.Append([]engine.Event{ev(i, engine.EventRecordsAppended)})
	}
	assert.Equal(t, DefaultEventLogLines, log.Len())
	assert.Equal(t, 0, NewEventLog(-3).Counts()["all"])
}

// TestEventLogIndexesMatchAScanAfterLongRuns checks the per-filter indexes (and their
// compaction) against a plain scan of the retained lines, over many trims.
func TestEventLogIndexesMatchAScanAfterLongRuns(t *testing.T) {
	kinds := allKinds(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, capacity := range []int{1, 7, 100} {
		log := NewEventLog(capacity)
		var all []EventLine
		seq := int64(0)
		for round := range 300 {
			batch := make([]engine.Event, rng.IntN(40))
			for i := range batch {
				seq++
				k := kinds[rng.IntN(len(kinds))]
				if rng.IntN(3) > 0 {
					k = engine.EventRecordsAppended // mostly the frequent kind, as with a producer at a rate
				}
				batch[i] = ev(seq, k)
			}
			log.Append(batch)
			all = log.Lines("all", 0)
			require.LessOrEqual(t, len(all), capacity)
			if round%37 != 0 {
				continue
			}
			for _, f := range append(Categories(), "RecordsAppended", "IsrShrunk") {
				var want []int64
				for _, l := range all {
					if f == "all" || l.Category == f || l.Kind == f || f == "problems" && isProblemName(l.Kind) {
						want = append(want, l.Seq)
					}
				}
				got := seqs(log.Lines(f, 0))
				if len(want) == 0 {
					assert.Empty(t, got, f)
				} else {
					assert.Equal(t, want, got, "capacity %d filter %s", capacity, f)
				}
				if f != "RecordsAppended" && f != "IsrShrunk" {
					assert.Equal(t, len(want), log.Counts()[f], f)
				}
			}
		}
		assert.Equal(t, seq, all[len(all)-1].Seq)
	}
}

func isProblemName(kind string) bool {
	for k := range problemKinds {
		if k.String() == kind {
			return true
		}
	}
	return false
}

// BenchmarkEventLogLinesProblems is the render path with a producer at a rate: 2000 lines,
// almost all RecordsAppended, read through a rare filter.
func BenchmarkEventLogLinesProblems(b *testing.B) {
	log := NewEventLog(0)
	for i := int64(1); i <= 100_000; i++ {
		k := engine.EventRecordsAppended
		if i%500 == 0 {
			k = engine.EventIsrShrunk
		}
		log.Append([]engine.Event{ev(i, k)})
	}
	b.ResetTimer()
	for range b.N {
		_ = log.Lines("problems", 80)
	}
}

// BenchmarkEventLogAppend is one tick's worth of events at a time.
func BenchmarkEventLogAppend(b *testing.B) {
	log := NewEventLog(0)
	batch := make([]engine.Event, 4)
	seq := int64(0)
	for range b.N {
		for i := range batch {
			seq++
			batch[i] = ev(seq, engine.EventRecordsAppended)
		}
		log.Append(batch)
	}
}

// A log built at once from a whole run equals one appended to event by event.
func TestNewEventLogOfEqualsAppending(t *testing.T) {
	var evs []engine.Event
	for i := int64(1); i <= 50; i++ {
		k := engine.EventRecordsAppended
		if i%7 == 0 {
			k = engine.EventIsrShrunk
		}
		evs = append(evs, engine.Event{Seq: i, Kind: k, Message: "m", TimeMs: i * 100, Broker: -1, Partition: -1})
	}
	a := NewEventLog(10)
	a.Append(evs)
	b := NewEventLogOf(evs, 10)
	require.Equal(t, a.Lines("all", 0), b.Lines("all", 0))
	require.Equal(t, a.Lines(CategoryProblems, 0), b.Lines(CategoryProblems, 0))
	require.Equal(t, a.Counts(), b.Counts())
	require.Equal(t, a.LastSeq(), b.LastSeq())
	require.Equal(t, a.Len(), b.Len())
	small := NewEventLogOf(evs[:3], 10)
	require.Len(t, small.Lines("all", 0), 3)
}

// A log read from a simulation equals one appended to event by event.
func TestNewEventLogOfSimEqualsAppending(t *testing.T) {
	sh := newShell(t)
	for _, l := range []string{"kafka-topics --create --topic t --partitions 3 --replication-factor 3",
		"producer add p --topic t --rate 20 --keys a,b", "tick 200", "broker kill 1", "settle --max-ms 20000"} {
		require.NoError(t, sh.Exec(l, nil).Err, l)
	}
	a := NewEventLog(50)
	a.Append(sh.Sim().Events())
	b := NewEventLogOfSim(sh.Sim(), 50)
	require.Equal(t, a.Lines("all", 0), b.Lines("all", 0))
	require.Equal(t, a.Counts(), b.Counts())
	require.Equal(t, a.LastSeq(), b.LastSeq())
}
