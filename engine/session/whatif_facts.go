package session

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// What a pane has seen happen, as opposed to what its cluster looks like now: acknowledged
// records lost, writes refused, commands that failed. These are outcomes: once they differ
// between the panes they stay different, which is what makes them, and not a high watermark
// that is one fetch behind, the mark of a divergence.

// tp names a partition; it sorts by topic, then by partition number (orders-2 before
// orders-10).
type tp struct {
	topic string
	p     int32
}

func (t tp) String() string { return fmt.Sprintf("%s-%d", t.topic, t.p) }

func compareTP(a, b tp) int {
	if c := cmp.Compare(a.topic, b.topic); c != 0 {
		return c
	}
	return cmp.Compare(a.p, b.p)
}

// lostRecord is an acknowledged record a pane lost: its offset, and its key and value when a
// replica still held it at the moment of the loss.
type lostRecord struct {
	Offset int64
	Known  bool
	Rec    engine.Record
}

// failedCmd is a command of the log that failed in a pane although it ran in the main session.
type failedCmd struct {
	Index int
	Line  string
	Err   string
}

type paneFacts struct {
	lost    map[tp][]lostRecord
	refused map[tp]map[string]int // error name → records refused with it
	failed  []failedCmd
}

func newPaneFacts() paneFacts {
	return paneFacts{lost: map[tp][]lostRecord{}, refused: map[tp]map[string]int{}}
}

// clone copies the facts for a snapshot; the record slices are never changed in place, only
// appended to, so they are shared up to their length.
func (f paneFacts) clone() paneFacts {
	out := paneFacts{lost: make(map[tp][]lostRecord, len(f.lost)), refused: make(map[tp]map[string]int, len(f.refused)),
		failed: slices.Clip(f.failed)}
	for k, v := range f.lost {
		out.lost[k] = slices.Clip(v)
	}
	for k, v := range f.refused {
		out.refused[k] = maps.Clone(v)
	}
	return out
}

func (f paneFacts) lostOffsets(t tp) []int64 {
	out := make([]int64, len(f.lost[t]))
	for i, r := range f.lost[t] {
		out[i] = r.Offset
	}
	return out
}

func (f paneFacts) refusedCount(t tp) int {
	n := 0
	for _, k := range f.refused[t] {
		n += k
	}
	return n
}

// readEvents records the outcomes among a pane's new events.
func (c *Compare) readEvents(side int, evs []engine.Event) {
	p := c.panes[side]
	for _, e := range evs {
		t := tp{e.Topic, e.Partition}
		switch e.Kind {
		case engine.EventRecordsLost:
			v := c.view(side)
			for _, off := range e.Offsets {
				p.facts.lost[t] = append(p.facts.lost[t], findLost(v, t, off))
			}
		case engine.EventProduceFailed:
			n, why := parseProduceFailed(e)
			if p.facts.refused[t] == nil {
				p.facts.refused[t] = map[string]int{}
			}
			p.facts.refused[t][why] += n
		}
	}
}

// findLost looks for the record that was lost at an offset: at the moment of the loss the
// replica that had it (usually the old leader, crashed) has not truncated its log yet. The
// newest copy that the new leader does not share is the one acknowledged.
func findLost(v engine.View, t tp, off int64) lostRecord {
	out := lostRecord{Offset: off}
	pv, ok := v.Partition(t.topic, t.p)
	if !ok {
		return out
	}
	var leader *engine.Record
	for i := range pv.ReplicaStates {
		if r := &pv.ReplicaStates[i]; r.Broker == pv.Leader {
			leader = recordAt(r.Records, off)
		}
	}
	for i := range pv.ReplicaStates {
		r := &pv.ReplicaStates[i]
		if r.Broker == pv.Leader {
			continue
		}
		rec := recordAt(r.Records, off)
		if rec == nil || leader != nil && leader.ID == rec.ID {
			continue
		}
		if !out.Known || rec.LeaderEpoch > out.Rec.LeaderEpoch {
			out.Known, out.Rec = true, *rec
		}
	}
	return out
}

// recordAt finds the record at an offset in a log's records (sorted by offset, with gaps
// where compaction removed some).
func recordAt(recs []engine.Record, off int64) *engine.Record {
	i := sort.Search(len(recs), func(i int) bool { return recs[i].Offset >= off })
	if i < len(recs) && recs[i].Offset == off {
		return &recs[i]
	}
	return nil
}

// parseProduceFailed reads a ProduceFailed event: how many records the request carried and
// the error it failed with ("producer P: 3 record(s) to orders-0 FAILED after 3 attempt(s):
// NOT_ENOUGH_REPLICAS"). The event has no fields for them, so its message is read; a message
// in another shape still counts, as one record refused for an unnamed error.
func parseProduceFailed(e engine.Event) (int, string) {
	n, why := 1, "an error"
	if i := strings.LastIndex(e.Message, ": "); i >= 0 && strings.Contains(e.Message, "FAILED") {
		why = strings.TrimSpace(e.Message[i+2:])
	}
	rest := strings.TrimPrefix(e.Message, "producer "+e.Client+": ")
	if k := 0; rest != e.Message {
		if _, err := fmt.Sscanf(rest, "%d record(s)", &k); err == nil && k > 0 {
			n = k
		}
	}
	return n, why
}

// outcomesDiffer says whether the panes' outcomes differ now: records lost, writes refused,
// commands that failed, which topics and partitions exist, what a partition's log holds at an
// offset both sides have, and how a stable group shares its partitions. Differences of state,
// such as a high watermark one fetch behind, a leader elected a tick later or a log that has
// not had its next record yet, come and go as the panes' clocks drift and are not counted
// here; Differences lists them too.
func (c *Compare) outcomesDiffer() bool {
	a, b := c.panes[0].facts, c.panes[1].facts
	if !slices.EqualFunc(a.failed, b.failed, func(x, y failedCmd) bool { return x.Index == y.Index }) {
		return true
	}
	if !maps.EqualFunc(a.lost, b.lost, func(x, y []lostRecord) bool {
		return slices.EqualFunc(x, y, func(p, q lostRecord) bool { return p.Offset == q.Offset })
	}) || !maps.EqualFunc(a.refused, b.refused, maps.Equal[map[string]int]) {
		return true
	}
	va, vb := c.view(0), c.view(1)
	if !slices.Equal(topicShape(va), topicShape(vb)) {
		return true
	}
	for _, t := range va.Topics {
		if internalTopic(t.Name) {
			continue
		}
		tb, _ := vb.Topic(t.Name)
		for i := range t.Partitions {
			if c.logsDiffer(t.Partitions[i], tb.Partitions[i]) {
				return true
			}
		}
	}
	for _, g := range va.Groups {
		if gb, ok := groupView(vb, g.GroupID); ok && settled(va, g) && settled(vb, gb) && sameMembers(g, gb) &&
			!maps.EqualFunc(assignment(g), assignment(gb), slices.Equal[[]string]) {
			return true
		}
	}
	return false
}

// internalTopic is a topic the cluster keeps for itself (__consumer_offsets): a learner
// compares their own topics, and the offsets topic moves with every commit.
func internalTopic(name string) bool { return strings.HasPrefix(name, "__") }

// topicShape is each topic with its partition count, sorted.
func topicShape(v engine.View) []string {
	var out []string
	for _, t := range v.Topics {
		if !internalTopic(t.Name) {
			out = append(out, fmt.Sprintf("%s/%d", t.Name, len(t.Partitions)))
		}
	}
	sort.Strings(out)
	return out
}

// logCheck remembers how far two panes' leader logs of a partition are known to agree, so
// that each step compares only the records appended since. A mark is a log's shape at that
// point: its backing array and the identity of its last agreed record. Records in a log never
// change; a log that was truncated, compacted, cut by retention or read from another leader
// fails the mark and is compared from the start again. Two records with the same offset and
// leader epoch have the same history before them (Kafka's log matching), which is why the
// last one stands for the prefix.
type logCheck struct {
	marks  [2]logMark
	agreed int64 // the offsets below this hold the same records on both sides
}

type logMark struct {
	first *engine.Record
	n     int
	last  engine.Record
}

func markOf(recs []engine.Record, below int64) logMark {
	n := sort.Search(len(recs), func(i int) bool { return recs[i].Offset >= below })
	m := logMark{n: n}
	if n > 0 {
		m.first, m.last = &recs[0], recs[n-1]
	}
	return m
}

func (m logMark) holds(recs []engine.Record) bool {
	if m.n == 0 {
		return true
	}
	if len(recs) < m.n || &recs[0] != m.first {
		return false
	}
	r := recs[m.n-1]
	return r.Offset == m.last.Offset && r.LeaderEpoch == m.last.LeaderEpoch && r.ID == m.last.ID
}

// leaderRecords is the leader's log of a partition, or nil without a leader.
func leaderRecords(p engine.PartitionView) []engine.Record {
	for _, r := range p.ReplicaStates {
		if r.Broker == p.Leader {
			return r.Records
		}
	}
	return nil
}

// logsDiffer says whether two leaders hold different records at an offset both have. A record
// that only one side has yet is not a difference by itself: the other side's producer may be
// a tick behind. Refused and lost records are outcomes of their own.
func (c *Compare) logsDiffer(pa, pb engine.PartitionView) bool {
	ra, rb := leaderRecords(pa), leaderRecords(pb)
	if ra == nil || rb == nil {
		return false
	}
	t := tp{pa.Topic, pa.Partition}
	if c.logs == nil {
		c.logs = map[tp]*logCheck{}
	}
	lc := c.logs[t]
	if lc == nil || !lc.marks[0].holds(ra) || !lc.marks[1].holds(rb) {
		lc = &logCheck{}
		c.logs[t] = lc
	}
	upTo := min(pa.LogEndOffset, pb.LogEndOffset)
	if len(conflicts(ra, rb, lc.agreed, upTo, 1)) > 0 {
		return true
	}
	lc.agreed = max(lc.agreed, upTo)
	lc.marks = [2]logMark{markOf(ra, lc.agreed), markOf(rb, lc.agreed)}
	return false
}

// conflicts lists up to limit offsets in [from, upTo) at which both logs hold a record and
// the records differ (limit < 0: all of them).
func conflicts(ra, rb []engine.Record, from, upTo int64, limit int) []int64 {
	var out []int64
	i := sort.Search(len(ra), func(k int) bool { return ra[k].Offset >= from })
	j := sort.Search(len(rb), func(k int) bool { return rb[k].Offset >= from })
	for i < len(ra) && j < len(rb) && ra[i].Offset < upTo && rb[j].Offset < upTo {
		switch x, y := ra[i], rb[j]; {
		case x.Offset < y.Offset:
			i++
		case x.Offset > y.Offset:
			j++
		default:
			if !sameRecord(x, y) {
				if out = append(out, x.Offset); len(out) == limit {
					return out
				}
			}
			i++
			j++
		}
	}
	return out
}

// sameRecord compares what a consumer would read: the key and the value.
func sameRecord(x, y engine.Record) bool {
	return x.Key == y.Key && x.NullKey == y.NullKey && x.Value == y.Value && x.NullValue == y.NullValue
}

func groupView(v engine.View, id string) (engine.GroupView, bool) {
	for _, g := range v.Groups {
		if g.GroupID == id {
			return g, true
		}
	}
	return engine.GroupView{}, false
}

// settled says whether a group has finished sharing out its partitions: Stable, and every
// partition of the topics it was given has an owner. A cooperative rebalance passes through a
// Stable generation with partitions still unowned, which is not its answer yet.
func settled(v engine.View, g engine.GroupView) bool {
	if g.State != engine.GroupStable {
		return false
	}
	owned := map[tp]bool{}
	topics := map[string]bool{}
	for _, m := range g.Members {
		for _, a := range m.Assignment {
			owned[tp{a.Topic, a.Partition}] = true
			topics[a.Topic] = true
		}
	}
	for name := range topics {
		t, _ := v.Topic(name)
		for _, p := range t.Partitions {
			if !owned[tp{p.Topic, p.Partition}] {
				return false
			}
		}
	}
	return true
}

func sameMembers(a, b engine.GroupView) bool {
	return slices.Equal(memberClients(a), memberClients(b))
}

func memberClients(g engine.GroupView) []string {
	out := make([]string, len(g.Members))
	for i, m := range g.Members {
		out[i] = m.ClientID
	}
	sort.Strings(out)
	return out
}

// assignment is a group's partitions by member, named by client id: member ids end in a
// random UUID, and the two panes' random numbers part ways as soon as anything differs.
func assignment(g engine.GroupView) map[string][]string {
	out := map[string][]string{}
	for _, m := range g.Members {
		tps := make([]tp, len(m.Assignment))
		for i, a := range m.Assignment {
			tps[i] = tp{a.Topic, a.Partition}
		}
		slices.SortFunc(tps, compareTP)
		names := make([]string, len(tps))
		for i, t := range tps {
			names[i] = t.String()
		}
		out[m.ClientID] = append(out[m.ClientID], names...)
	}
	return out
}
