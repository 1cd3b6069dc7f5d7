package model

import (
	"fmt"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/session"
)

// MarkClass is the kind of moment a timeline mark stands for. Each has an icon and a word as
// well as a colour, so that nothing is told by colour alone.
type MarkClass struct {
	Name, Icon, Word string
	rank             int // a bin shows its highest-ranked mark
}

// The moments the timeline marks, most important first. Records appended, commits and the like
// happen every tick and are not marked: they would bury the moments that matter.
var (
	MarkLost      = MarkClass{"lost", "✖", "acknowledged records lost", 7}
	MarkDown      = MarkClass{"down", "▼", "down", 6}
	MarkLeader    = MarkClass{"leader", "★", "leader elected", 5}
	MarkUp        = MarkClass{"up", "▲", "back", 4}
	MarkDuplicate = MarkClass{"duplicate", "2×", "read twice", 3}
	MarkRebalance = MarkClass{"rebalance", "⟳", "rebalance", 2}
	MarkLogCut    = MarkClass{"logcut", "✂", "log cut", 1} // retention, compaction, truncation
)

var markOf = map[engine.EventKind]MarkClass{
	engine.EventRecordsLost:        MarkLost,
	engine.EventLogTruncated:       MarkLogCut,
	engine.EventBrokerKilled:       MarkDown,
	engine.EventBrokerStopped:      MarkDown,
	engine.EventBrokerIsolated:     MarkDown,
	engine.EventBrokerFenced:       MarkDown,
	engine.EventLeaderOffline:      MarkDown,
	engine.EventControllerKilled:   MarkDown,
	engine.EventControllerStopped:  MarkDown,
	engine.EventControllerLost:     MarkDown,
	engine.EventLeaderElected:      MarkLeader,
	engine.EventControllerElected:  MarkLeader,
	engine.EventBrokerStarted:      MarkUp,
	engine.EventBrokerHealed:       MarkUp,
	engine.EventBrokerUnfenced:     MarkUp,
	engine.EventControllerStarted:  MarkUp,
	engine.EventGroupRebalance:     MarkRebalance,
	engine.EventRetention:          MarkLogCut,
	engine.EventCompaction:         MarkLogCut,
	engine.EventRecordsDuplicated:  MarkDuplicate,
	engine.EventRecordsReprocessed: MarkDuplicate,
}

// IsMarked says whether the timeline marks events of kind k; the "previous event" and "next
// event" buttons stop at these.
func IsMarked(k engine.EventKind) bool {
	_, ok := markOf[k]
	return ok
}

// TimelineBins is how many marks the timeline draws at most: one per bin of the run, so a long
// run costs the page the same as a short one.
const TimelineBins = 120

// TimelineMark is one mark drawn on the timeline: the most important event of its bin.
type TimelineMark struct {
	Step    int64
	Percent float64 // from the left of the track
	Class   MarkClass
	Label   string // "12.3s: broker 1 was fenced … (and 3 more)"
}

// TimelineView is what the timeline panel shows.
type TimelineView struct {
	Pos, Len        int64
	TimeText        string // the simulated time at the position
	Past            bool   // the position is before the end: acting forks
	Marks           []TimelineMark
	CanUndo         bool
	CanRedo         bool
	Forks           int
	ForkText        string // what Undo fork would put back
	PrevEvent       int64  // -1: none
	NextEvent       int64  // -1: none
	EndTimeText     string
	PositionSummary string // "step 57 of 300"
}

// TimelineView builds the timeline's view. Marks are rebuilt only when the run grew or forked.
func (s *Session) TimelineView() TimelineView {
	tl := s.tl
	tickMs := s.Sim().Config().TickMs
	v := TimelineView{Pos: tl.Position(), Len: tl.Len(), Past: !tl.AtEnd(), CanUndo: tl.CanUndo(), CanRedo: tl.CanRedo(),
		Forks: len(tl.Forks())}
	v.TimeText = engine.FormatSimTime(tl.TickAt(v.Pos) * tickMs)
	v.EndTimeText = engine.FormatSimTime(tl.TickAt(v.Len) * tickMs)
	v.PositionSummary = fmt.Sprintf("step %d of %d", v.Pos, v.Len)
	if v.Forks > 0 {
		f := tl.Forks()[v.Forks-1]
		v.ForkText = fmt.Sprintf("Put back the %d step(s) set aside at %s", f.Set, engine.FormatSimTime(tl.TickAt(f.At)*tickMs))
	}
	keep := func(e engine.Event) bool { return IsMarked(e.Kind) }
	v.PrevEvent, v.NextEvent = tl.PrevMark(keep), tl.NextMark(keep)
	v.Marks = s.marks.get(tl)
	return v
}

// markCache keeps the binned marks between renders: the run only changes when it grows, forks
// or is replaced, and binning walks every event.
type markCache struct {
	tl    *session.Timeline
	gen   int   // the run's generation (forks) when binned
	n     int   // marks binned
	total int64 // the run's length when binned
	marks []TimelineMark
}

func (c *markCache) get(tl *session.Timeline) []TimelineMark {
	all := tl.Marks()
	if c.tl == tl && c.gen == tl.Generation() && c.n == len(all) && c.total == tl.Len() {
		return c.marks
	}
	c.tl, c.gen, c.n, c.total = tl, tl.Generation(), len(all), tl.Len()
	c.marks = BinMarks(all, tl.Len(), TimelineBins)
	return c.marks
}

// BinMarks picks, for each of bins equal stretches of a run of total steps, its most important
// marked event (the first of the highest class), in step order.
func BinMarks(all []session.Mark, total int64, bins int) []TimelineMark {
	if total <= 0 || bins <= 0 {
		return nil
	}
	type bin struct {
		m     session.Mark
		class MarkClass
		n     int
	}
	picked := make([]*bin, bins)
	for _, m := range all {
		class, ok := markOf[m.Event.Kind]
		if !ok {
			continue
		}
		i := int(min(m.Step*int64(bins)/(total+1), int64(bins-1)))
		switch b := picked[i]; {
		case b == nil:
			picked[i] = &bin{m: m, class: class, n: 1}
		case class.rank > b.class.rank:
			b.m, b.class, b.n = m, class, b.n+1
		default:
			b.n++
		}
	}
	var out []TimelineMark
	for _, b := range picked {
		if b == nil {
			continue
		}
		label := fmt.Sprintf("%s %s: %s", engine.FormatSimTime(b.m.Event.TimeMs), b.class.Word, b.m.Event.Message)
		if b.n > 1 {
			label += fmt.Sprintf(" (and %d more)", b.n-1)
		}
		out = append(out, TimelineMark{Step: b.m.Step, Percent: float64(b.m.Step) * 100 / float64(total), Class: b.class, Label: label})
	}
	return out
}
