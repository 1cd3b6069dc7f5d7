package model

import (
	"github.com/kafka-playground/playground/engine"
)

// EventLine is one line of the event log panel. Text is the engine's own plain-English message
// (the same words DescribeEvent prints in the terminal), so the page and the CLI never disagree.
type EventLine struct {
	Seq      int64
	TimeText string // simulated time, as FormatSimTime prints it: "12.3s"
	Kind     string // the engine.EventKind name: "IsrShrunk"
	Category string // one of the first four Categories: brokers, partitions, records, groups
	Text     string
	Target   Target
}

// Target is what clicking an event line highlights: the broker, partition, records, client and
// group the event names. Offsets is shared with the engine's event and must not be modified.
type Target struct {
	Broker    int32 // -1 when the event names no broker
	Topic     string
	Partition int32 // -1 when the event names no partition
	Offsets   []int64
	Client    string
	Group     string
}

// DefaultEventLogLines is how many lines an EventLog keeps unless told otherwise: enough to
// scroll back through a lesson, small enough that a producer running at a rate for an hour does
// not grow the page's memory without bound.
const DefaultEventLogLines = 2000

// EventLog keeps the newest lines of the event log in a ring, with an index per filter so that
// Lines costs O(limit) whatever the filter: a producer at a rate appends RecordsAppended lines
// every tick, and a "problems" filter must not rescan two thousand of them on each render.
//
// The zero value is an empty log that keeps DefaultEventLogLines. EventLog is not safe for
// concurrent use; the read methods (Lines, Counts, Len, KindCount, LastSeq) change nothing, so
// they may run together under a read lock.
type EventLog struct {
	ring  []EventLine // ring[i%cap] holds the line with absolute index i
	max   int
	total int64 // lines ever stored; the retained ones are [total-len, total)

	// byFilter indexes the retained lines of each category and of each kind, by absolute index.
	byFilter map[string]*lineIndex

	kindCounts [256]int64 // every event appended, including those trimmed since
	lastSeq    int64
}

// NewEventLog returns a log that keeps the newest maxLines lines (DefaultEventLogLines when
// maxLines <= 0).
func NewEventLog(maxLines int) *EventLog {
	if maxLines <= 0 {
		maxLines = DefaultEventLogLines
	}
	return &EventLog{max: maxLines}
}

// Append adds the events, oldest first. Events whose Seq is not above the last one appended are
// skipped: they were already seen (a caller that reads Sim.EventsSince(LastSeq()) twice adds
// nothing twice). Events without a Seq (0) are always added.
func (l *EventLog) Append(evs []engine.Event) {
	if len(evs) == 0 {
		return
	}
	l.init()
	for _, e := range evs {
		if e.Seq != 0 {
			if e.Seq <= l.lastSeq {
				continue
			}
			l.lastSeq = e.Seq
		}
		l.kindCounts[e.Kind]++
		line := EventLine{Seq: e.Seq, TimeText: engine.FormatSimTime(e.TimeMs), Kind: e.Kind.String(),
			Category: CategoryOf(e.Kind), Text: e.Message,
			Target: Target{Broker: e.Broker, Topic: e.Topic, Partition: e.Partition, Offsets: e.Offsets, Client: e.Client, Group: e.Group}}
		abs := l.total
		if len(l.ring) < l.max {
			l.ring = append(l.ring, line)
		} else {
			l.ring[abs%int64(l.max)] = line
		}
		l.total++
		l.index(line.Category, abs)
		if IsProblem(e.Kind) {
			l.index(CategoryProblems, abs)
		}
		l.index(line.Kind, abs)
	}
	oldest := l.oldest()
	for _, ix := range l.byFilter {
		ix.trim(oldest)
	}
}

// NewEventLogOf is a log of a whole run at once, as a move in time needs it: only the newest
// lines that the log keeps are built, and the older events are only counted, so that going to
// the end of a long run does not format a hundred thousand lines to keep two thousand.
func NewEventLogOf(evs []engine.Event, maxLines int) *EventLog {
	l := NewEventLog(maxLines)
	l.init()
	cut := max(len(evs)-l.max, 0) / l.max * l.max // the ring puts line i at i % max
	for _, e := range evs[:cut] {
		l.kindCounts[e.Kind]++
		if e.Seq != 0 && e.Seq > l.lastSeq {
			l.lastSeq = e.Seq
		}
	}
	l.total = int64(cut)
	l.Append(evs[cut:])
	return l
}

// NewEventLogOfSim is NewEventLogOf for a simulation's whole run, reading only the newest
// events from it: the older ones are counted by kind from the engine's own counts.
func NewEventLogOfSim(sim *engine.Sim, maxLines int) *EventLog {
	l := NewEventLog(maxLines)
	l.init()
	cut := max(sim.EventCount()-int64(l.max), 0) / int64(l.max) * int64(l.max) // the ring puts line i at i % max
	tail := sim.EventsSince(cut)
	l.kindCounts = sim.EventKindCounts()
	for _, e := range tail {
		l.kindCounts[e.Kind]-- // Append counts them again
	}
	l.lastSeq, l.total = cut, cut
	l.Append(tail)
	return l
}

func (l *EventLog) init() {
	if l.max <= 0 {
		l.max = DefaultEventLogLines
	}
	if l.byFilter == nil {
		l.byFilter = map[string]*lineIndex{}
	}
}

func (l *EventLog) index(filter string, abs int64) {
	ix := l.byFilter[filter]
	if ix == nil {
		ix = &lineIndex{}
		l.byFilter[filter] = ix
	}
	ix.abs = append(ix.abs, abs)
}

// oldest is the absolute index of the oldest retained line.
func (l *EventLog) oldest() int64 { return l.total - int64(len(l.ring)) }

func (l *EventLog) at(abs int64) EventLine { return l.ring[abs%int64(l.max)] }

// Lines returns the newest limit lines that match filter, oldest first (newest last), as the
// log reads top to bottom. filter is "all" (or ""), a category from Categories, or an event
// kind's name ("IsrShrunk"); an unknown filter matches nothing. limit <= 0 means every retained
// line. The result is a fresh slice.
func (l *EventLog) Lines(filter string, limit int) []EventLine {
	if filter == "" || filter == CategoryAll {
		n := len(l.ring)
		if limit > 0 && limit < n {
			n = limit
		}
		out := make([]EventLine, n)
		for i := range out {
			out[i] = l.at(l.total - int64(n) + int64(i))
		}
		return out
	}
	ix := l.byFilter[filter]
	if ix == nil {
		return nil
	}
	live := ix.abs[ix.head:]
	if limit > 0 && limit < len(live) {
		live = live[len(live)-limit:]
	}
	out := make([]EventLine, len(live))
	for i, abs := range live {
		out[i] = l.at(abs)
	}
	return out
}

// Counts is the number of retained lines per filter chip: "all" and each category of
// Categories, every one present even when zero. Callers that list them should range over
// Categories, which is ordered; the map itself is not.
func (l *EventLog) Counts() map[string]int {
	out := make(map[string]int, len(categoryNames))
	for _, c := range categoryNames {
		out[c] = 0
		if ix := l.byFilter[c]; ix != nil {
			out[c] = len(ix.abs) - ix.head
		}
	}
	out[CategoryAll] = len(l.ring)
	return out
}

// Len is the number of lines retained.
func (l *EventLog) Len() int { return len(l.ring) }

// KindCount is how many events of kind were ever appended, including lines trimmed since: the
// ISR shrink and expand metrics count the whole session, not what the panel still shows.
func (l *EventLog) KindCount(kind engine.EventKind) int64 { return l.kindCounts[kind] }

// LastSeq is the Seq of the newest event appended (0 before any): the caller asks the engine
// for the events after it.
func (l *EventLog) LastSeq() int64 { return l.lastSeq }

// lineIndex lists the absolute indexes of the retained lines of one filter, oldest first.
// Trimmed entries are skipped by advancing head and compacted away once they are the majority,
// so trimming costs O(1) amortised per line.
type lineIndex struct {
	abs  []int64
	head int
}

func (ix *lineIndex) trim(oldest int64) {
	for ix.head < len(ix.abs) && ix.abs[ix.head] < oldest {
		ix.head++
	}
	if ix.head > 64 && ix.head*2 > len(ix.abs) {
		n := copy(ix.abs, ix.abs[ix.head:])
		ix.abs = ix.abs[:n]
		ix.head = 0
	}
}

// The event log's filters. The first four partition the event kinds: each kind belongs to
// exactly one, which is also the colour its line gets. Problems cuts across them: the events
// that mean something went wrong, whatever they are about.
const (
	CategoryAll        = "all"
	CategoryBrokers    = "brokers"
	CategoryPartitions = "partitions"
	CategoryRecords    = "records"
	CategoryGroups     = "groups"
	CategoryProblems   = "problems"
)

// categoryNames is the display order of the filter chips.
var categoryNames = []string{CategoryAll, CategoryBrokers, CategoryPartitions, CategoryRecords, CategoryGroups, CategoryProblems}

// Categories lists the filters in display order, "all" first.
func Categories() []string { return append([]string(nil), categoryNames...) }

// kindCategory is written out kind by kind rather than derived from the names, so a new kind
// has to be placed on purpose: the test that walks every kind fails until it is.
var kindCategory = map[engine.EventKind]string{
	engine.EventBrokerStarted:     CategoryBrokers,
	engine.EventBrokerStopped:     CategoryBrokers,
	engine.EventBrokerKilled:      CategoryBrokers,
	engine.EventBrokerIsolated:    CategoryBrokers,
	engine.EventBrokerHealed:      CategoryBrokers,
	engine.EventBrokerSlow:        CategoryBrokers,
	engine.EventBrokerAdded:       CategoryBrokers,
	engine.EventBrokerFenced:      CategoryBrokers,
	engine.EventBrokerUnfenced:    CategoryBrokers,
	engine.EventControllerElected: CategoryBrokers,
	engine.EventControllerLost:    CategoryBrokers,
	engine.EventControllerStarted: CategoryBrokers,
	engine.EventControllerStopped: CategoryBrokers,
	engine.EventControllerKilled:  CategoryBrokers,

	engine.EventTopicCreated:      CategoryPartitions,
	engine.EventTopicDeleted:      CategoryPartitions,
	engine.EventPartitionsCreated: CategoryPartitions,
	engine.EventConfigChanged:     CategoryPartitions,
	engine.EventLeaderElected:     CategoryPartitions,
	engine.EventLeaderOffline:     CategoryPartitions,
	engine.EventIsrShrunk:         CategoryPartitions,
	engine.EventIsrExpanded:       CategoryPartitions,
	engine.EventLogTruncated:      CategoryPartitions,

	engine.EventRecordsAppended:   CategoryRecords,
	engine.EventRecordsLost:       CategoryRecords,
	engine.EventRecordsDuplicated: CategoryRecords,
	engine.EventProduceFailed:     CategoryRecords,
	engine.EventProduceRetried:    CategoryRecords,
	engine.EventRetention:         CategoryRecords,
	engine.EventCompaction:        CategoryRecords,

	engine.EventGroupCoordinatorMoved: CategoryGroups,
	engine.EventGroupRebalance:        CategoryGroups,
	engine.EventGroupMemberJoined:     CategoryGroups,
	engine.EventGroupMemberLeft:       CategoryGroups,
	engine.EventGroupStable:           CategoryGroups,
	engine.EventGroupAssigned:         CategoryGroups,
	engine.EventOffsetsCommitted:      CategoryGroups,
	engine.EventCommitFailed:          CategoryGroups,
	engine.EventRecordsReprocessed:    CategoryGroups,
	engine.EventConsumerSlow:          CategoryGroups,
	engine.EventOffsetReset:           CategoryGroups,
}

// problemKinds are the events a learner should notice: data lost or duplicated, a partition
// or the quorum without a leader, redundancy shrinking, clients failing.
var problemKinds = map[engine.EventKind]bool{
	engine.EventRecordsLost:        true,
	engine.EventLeaderOffline:      true,
	engine.EventIsrShrunk:          true,
	engine.EventProduceFailed:      true,
	engine.EventCommitFailed:       true,
	engine.EventRecordsDuplicated:  true,
	engine.EventRecordsReprocessed: true,
	engine.EventBrokerFenced:       true,
	engine.EventControllerLost:     true,
}

// CategoryOf is the category a kind belongs to: brokers, partitions, records or groups. A kind
// the table does not know (a newer engine) falls back to "brokers" rather than vanishing from
// every filter but "all".
func CategoryOf(k engine.EventKind) string {
	if c, ok := kindCategory[k]; ok {
		return c
	}
	return CategoryBrokers
}

// IsProblem reports whether events of kind k show under the "problems" filter.
func IsProblem(k engine.EventKind) bool { return problemKinds[k] }
