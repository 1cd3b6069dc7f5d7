package session

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// The differences between the panes in plain English. Each sentence names the partition or
// group first, then both sides by their labels, with the offsets and keys involved, so that it
// can be read without the panes next to it: "payments-0: with acks=1, acknowledged offset 3
// (value p3) was lost; with acks=all, nothing was lost". They are computed only when asked for
// (the UI, once per render) or at the divergence, never on every step.

// memo caches what the UI reads between two syncs.
type memo struct {
	gen     uint64
	diffs   []string
	diffsOK bool
	panes   [2]PaneSummary
	panesOK bool
}

func (c *Compare) fresh() {
	if c.memo.gen != c.gen {
		c.memo = memo{gen: c.gen}
	}
}

// Differences is everything that differs between the panes now, outcomes and state alike
// (nil when nothing does): after the divergence the list can grow, and while the panes' clocks
// drift apart it can list a difference that goes away again a tick later.
func (c *Compare) Differences() []string {
	c.fresh()
	if !c.memo.diffsOK {
		c.memo.diffs, c.memo.diffsOK = c.diffs(), true
	}
	return c.memo.diffs
}

// diffs lists the differences: failed commands, then topics and partitions in order, then
// groups in order.
func (c *Compare) diffs() []string {
	la, lb := c.sides[0].Label(), c.sides[1].Label()
	fa, fb := c.panes[0].facts, c.panes[1].facts
	va, vb := c.view(0), c.view(1)
	var out []string
	out = append(out, failedDiffs(fa.failed, fb.failed, la, lb)...)

	names := map[string]bool{}
	for _, v := range []engine.View{va, vb} {
		for _, t := range v.Topics {
			if !internalTopic(t.Name) {
				names[t.Name] = true
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		ta, okA := va.Topic(name)
		tb, okB := vb.Topic(name)
		switch {
		case !okA || !okB:
			with, without := la, lb
			if !okA {
				with, without = lb, la
			}
			out = append(out, fmt.Sprintf("topic %s exists with %s but not with %s", name, with, without))
			continue
		case len(ta.Partitions) != len(tb.Partitions):
			out = append(out, fmt.Sprintf("topic %s has %d partitions with %s but %d with %s", name, len(ta.Partitions), la, len(tb.Partitions), lb))
		}
		for i := 0; i < min(len(ta.Partitions), len(tb.Partitions)); i++ {
			pa, pb := ta.Partitions[i], tb.Partitions[i]
			// The offsets below `agreed` hold the same records on both sides (logCheck), so
			// only the rest of the logs is read: the UI asks on every render.
			c.logsDiffer(pa, pb)
			var agreed int64
			if lc := c.logs[tp{pa.Topic, pa.Partition}]; lc != nil {
				agreed = lc.agreed
			}
			out = append(out, partitionDiffs(pa, pb, agreed, fa, fb, la, lb)...)
		}
	}
	out = append(out, groupDiffs(va, vb, la, lb)...)
	return out
}

func failedDiffs(a, b []failedCmd, la, lb string) []string {
	byIndex := map[int][2]*failedCmd{}
	for side, fs := range [][]failedCmd{a, b} {
		for i := range fs {
			e := byIndex[fs[i].Index]
			e[side] = &fs[i]
			byIndex[fs[i].Index] = e
		}
	}
	var out []string
	for _, idx := range slices.Sorted(maps.Keys(byIndex)) {
		e := byIndex[idx]
		switch {
		case e[0] != nil && e[1] != nil:
			if e[0].Err != e[1].Err {
				out = append(out, fmt.Sprintf("command %d (%s) failed with %s (%s) and with %s (%s)",
					idx+1, clipText(e[0].Line, 60), la, clipText(e[0].Err, 100), lb, clipText(e[1].Err, 100)))
			}
		case e[0] != nil:
			out = append(out, fmt.Sprintf("command %d (%s) failed with %s (%s); it ran with %s", idx+1, clipText(e[0].Line, 60), la, clipText(e[0].Err, 100), lb))
		default:
			out = append(out, fmt.Sprintf("command %d (%s) failed with %s (%s); it ran with %s", idx+1, clipText(e[1].Line, 60), lb, clipText(e[1].Err, 100), la))
		}
	}
	return out
}

// partitionDiffs describes one partition's differences, the outcomes first. Records below
// agreed are known to be the same on both sides and are not read again; a record there that
// only one side has (retention or compaction ran at another moment) is not a difference.
func partitionDiffs(pa, pb engine.PartitionView, agreed int64, fa, fb paneFacts, la, lb string) []string {
	t := tp{pa.Topic, pa.Partition}
	name := t.String()
	var out []string
	lostA, lostB := fa.lostOffsets(t), fb.lostOffsets(t)
	lostDiffer := !slices.Equal(lostA, lostB)
	refusedDiffer := !maps.Equal(fa.refused[t], fb.refused[t])
	if lostDiffer || refusedDiffer {
		out = append(out, fmt.Sprintf("%s: with %s, %s; with %s, %s", name,
			la, outcomeClause(fa, t, lostDiffer, refusedDiffer), lb, outcomeClause(fb, t, lostDiffer, refusedDiffer)))
	}
	ra, rb := leaderRecords(pa), leaderRecords(pb)
	onlyOffsets := false
	if ra != nil && rb != nil {
		upTo := min(pa.LogEndOffset, pb.LogEndOffset)
		if offs := conflicts(ra, rb, agreed, upTo, -1); len(offs) > 0 {
			out = append(out, conflictSentence(name, offs, ra, rb, la, lb))
		}
		from := max(pa.LogStartOffset, pb.LogStartOffset, agreed)
		for _, s := range []struct {
			recs, other []engine.Record
			with, not   string
		}{{ra, rb, la, lb}, {rb, ra, lb, la}} {
			if only := onlyIn(s.recs, s.other, from); len(only) > 0 {
				onlyOffsets = true
				out = append(out, fmt.Sprintf("%s: %s has %s %s that %s does not", name, s.with,
					offsetsText(recOffsets(only)), describeRecords(only), s.not))
			}
		}
	}
	if pa.Leader != pb.Leader {
		out = append(out, fmt.Sprintf("%s: the leader is %s with %s but %s with %s", name, leaderText(pa), la, leaderText(pb), lb))
	}
	if ia, ib := sortedIDs(pa.ISR), sortedIDs(pb.ISR); !slices.Equal(ia, ib) {
		out = append(out, fmt.Sprintf("%s: the ISR is %s with %s but %s with %s", name, idsText(ia), la, idsText(ib), lb))
	}
	if pa.HighWatermark != pb.HighWatermark && pa.Leader >= 0 && pb.Leader >= 0 {
		out = append(out, fmt.Sprintf("%s: the high watermark is %d with %s but %d with %s", name, pa.HighWatermark, la, pb.HighWatermark, lb))
	}
	if pa.LogEndOffset != pb.LogEndOffset && !onlyOffsets && pa.Leader >= 0 && pb.Leader >= 0 {
		out = append(out, fmt.Sprintf("%s: the log end offset is %d with %s but %d with %s", name, pa.LogEndOffset, la, pb.LogEndOffset, lb))
	}
	return out
}

// outcomeClause is one side's part of a loss-or-refusal sentence: what it lost, what it had
// refused, or that nothing was.
func outcomeClause(f paneFacts, t tp, lost, refused bool) string {
	var parts []string
	if recs := f.lost[t]; lost && len(recs) > 0 {
		offs := make([]int64, len(recs))
		var known []engine.Record
		for i, r := range recs {
			offs[i] = r.Offset
			if r.Known {
				known = append(known, r.Rec)
			}
		}
		parts = append(parts, joinWords("acknowledged", offsetsText(offs), describeRecords(known), wasWere(len(offs)), "lost"))
	}
	if refused {
		whys := f.refused[t]
		for _, why := range slices.Sorted(maps.Keys(whys)) {
			n := whys[why]
			verb := "failed" // a timeout: the leader may well have written it
			if strings.HasPrefix(why, "NOT_ENOUGH_REPLICAS") {
				verb = wasWere(n) + " refused" // the leader said no: nothing was written
			}
			parts = append(parts, joinWords(countNoun(n, "write", "writes"), verb, "with", why))
		}
	}
	if len(parts) == 0 {
		switch {
		case lost && refused:
			return "nothing was lost, and every write was acknowledged"
		case lost:
			return "nothing was lost"
		}
		return "every write was acknowledged"
	}
	return strings.Join(parts, ", and ")
}

func conflictSentence(name string, offs []int64, ra, rb []engine.Record, la, lb string) string {
	var xa, xb []engine.Record
	for _, o := range offs {
		xa, xb = append(xa, *recordAt(ra, o)), append(xb, *recordAt(rb, o))
	}
	if len(offs) == 1 {
		return fmt.Sprintf("%s: offset %d holds %s with %s but %s with %s", name, offs[0], recordText(xa[0]), la, recordText(xb[0]), lb)
	}
	return fmt.Sprintf("%s: %s hold different records: %s with %s, %s with %s", name, offsetsText(offs),
		listText(xa, recordText), la, listText(xb, recordText), lb)
}

// onlyIn lists the records of recs, from offset `from` on, at offsets that other has no record at.
func onlyIn(recs, other []engine.Record, from int64) []engine.Record {
	var out []engine.Record
	for i := sort.Search(len(recs), func(k int) bool { return recs[k].Offset >= from }); i < len(recs); i++ {
		if recordAt(other, recs[i].Offset) == nil {
			out = append(out, recs[i])
		}
	}
	return out
}

func recOffsets(recs []engine.Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.Offset
	}
	return out
}

// offsetsText is "offset 3" or "offsets 3-5, 8", ranges written as the event log writes them.
func offsetsText(offs []int64) string {
	parts := engine.OffsetRanges(offs)
	if len(offs) == 1 {
		return "offset " + parts[0]
	}
	if len(parts) > 6 {
		parts = append(parts[:6], "…")
	}
	return "offsets " + strings.Join(parts, ", ")
}

// describeRecords names records by key, or by value when none has a key, in parentheses: the
// learner typed them and recognises them. Empty when there is nothing to name.
func describeRecords(recs []engine.Record) string {
	if len(recs) == 0 {
		return ""
	}
	keyed := slices.ContainsFunc(recs, func(r engine.Record) bool { return !r.NullKey })
	what, text := "value", func(r engine.Record) string { return clipText(r.ValueString(), 24) }
	if keyed {
		what, text = "key", func(r engine.Record) string { return clipText(r.KeyString(), 24) }
	}
	if len(recs) > 1 {
		what += "s"
	}
	return "(" + what + " " + listText(recs, text) + ")"
}

// listText joins the first few texts, saying how many more there are.
func listText(recs []engine.Record, text func(engine.Record) string) string {
	const show = 4
	var parts []string
	for i, r := range recs {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(recs)-show))
			break
		}
		parts = append(parts, text(r))
	}
	return strings.Join(parts, ", ")
}

// recordText is a record as the console consumer would print it with its key: "alice:order 1",
// or just the value without a key.
func recordText(r engine.Record) string {
	if r.NullKey {
		return clipText(r.ValueString(), 24)
	}
	return clipText(r.KeyString(), 24) + ":" + clipText(r.ValueString(), 24)
}

func leaderText(p engine.PartitionView) string {
	if p.Leader < 0 {
		return "none (offline)"
	}
	return "broker " + strconv.Itoa(int(p.Leader))
}

func sortedIDs(ids []int32) []int32 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func idsText(ids []int32) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// groupDiffs compares the groups both panes know: state and assignment.
func groupDiffs(va, vb engine.View, la, lb string) []string {
	ids := map[string]bool{}
	for _, v := range []engine.View{va, vb} {
		for _, g := range v.Groups {
			ids[g.GroupID] = true
		}
	}
	var out []string
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		ga, okA := groupView(va, id)
		gb, okB := groupView(vb, id)
		if !okA || !okB {
			with, without := la, lb
			if !okA {
				with, without = lb, la
			}
			out = append(out, fmt.Sprintf("group %s exists with %s but not with %s", id, with, without))
			continue
		}
		if ga.State != gb.State {
			out = append(out, fmt.Sprintf("group %s is %s with %s but %s with %s", id, ga.State, la, gb.State, lb))
		}
		if aa, ab := assignment(ga), assignment(gb); !maps.EqualFunc(aa, ab, slices.Equal[[]string]) {
			out = append(out, fmt.Sprintf("group %s: with %s, %s; with %s, %s", id, la, assignmentText(aa), lb, assignmentText(ab)))
		}
	}
	return out
}

// assignmentText is "c1 has orders-0, orders-1 and c2 has none".
func assignmentText(a map[string][]string) string {
	if len(a) == 0 {
		return "no member has partitions"
	}
	var parts []string
	for _, client := range slices.Sorted(maps.Keys(a)) {
		tps := a[client]
		if len(tps) == 0 {
			parts = append(parts, client+" has none")
			continue
		}
		parts = append(parts, client+" has "+strings.Join(tps, ", "))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// joinWords joins the non-empty words with spaces.
func joinWords(ws ...string) string {
	var out []string
	for _, w := range ws {
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// clipText shortens a learner's text for a sentence: records and commands can be long.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
