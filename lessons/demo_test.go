package lessons

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// TestClassroomFailoverDemo steps the classroom demo from start to end, one key press (Next) per
// beat, and checks that the story the issue asks for happens in that order, each in a beat whose
// narration says so: the leader changes, the ISR shrinks, acks=all is refused with
// NOT_ENOUGH_REPLICAS, and the ISR grows back to full strength. The beats' own expect goals are
// checked by TestEveryLessonPlays; this test does not trust them.
func TestClassroomFailoverDemo(t *testing.T) {
	demo, err := BySlug("demo-failover")
	require.NoError(t, err)
	require.Equal(t, KindDemo, demo.Kind)
	require.GreaterOrEqual(t, len(demo.Steps), 8, "a five-minute demo has a beat for each stage")

	w := newWatchedSession(t)
	r := NewRun(demo, w)
	require.NoError(t, r.Start())

	type milestone struct {
		name    string
		words   []string // the narration of the beat must say it
		reached func(before, after engine.View, evs []engine.Event) bool
	}
	milestones := []milestone{
		{"steady state", []string{"steady"}, func(_, v engine.View, _ []engine.Event) bool {
			p, _ := v.Partition("orders", 0)
			return len(p.ISR) == 3 && p.Leader >= 0
		}},
		{"leader killed", []string{"kill", "leader"}, func(_, v engine.View, _ []engine.Event) bool {
			p, _ := v.Partition("orders", 0)
			b, _ := v.Broker(p.Leader)
			return b.State == "crashed"
		}},
		{"election", []string{"elect"}, func(before, v engine.View, _ []engine.Event) bool {
			p0, _ := before.Partition("orders", 0)
			p, _ := v.Partition("orders", 0)
			return p.Leader >= 0 && p.Leader != p0.Leader && p.LeaderEpoch > p0.LeaderEpoch
		}},
		{"ISR shrink", []string{"ISR", "shrink"}, func(before, v engine.View, _ []engine.Event) bool {
			p0, _ := before.Partition("orders", 0)
			p, _ := v.Partition("orders", 0)
			return len(p.ISR) < len(p0.ISR) && p.UnderMinISR
		}},
		{"acks=all refused", []string{"NOT_ENOUGH_REPLICAS"}, func(_, _ engine.View, evs []engine.Event) bool {
			for _, e := range evs {
				if e.Kind == engine.EventProduceFailed && strings.Contains(e.Message, "NOT_ENOUGH_REPLICAS") {
					return true
				}
			}
			return false
		}},
		{"restart", []string{"back"}, func(before, v engine.View, _ []engine.Event) bool {
			return brokersUp(v) > brokersUp(before)
		}},
		{"ISR grows back", []string{"ISR"}, func(before, v engine.View, _ []engine.Event) bool {
			p0, _ := before.Partition("orders", 0)
			p, _ := v.Partition("orders", 0)
			return len(p.ISR) > len(p0.ISR)
		}},
		{"full strength, nothing lost", []string{"nothing was lost"}, func(_, v engine.View, _ []engine.Event) bool {
			p, _ := v.Partition("orders", 0)
			return len(p.ISR) == 3 && p.LostRecords == 0
		}},
	}

	next := 0
	before := engine.View{}
	for beat := 0; ; beat++ {
		s := r.Step()
		v := w.sh.Sim().View()
		evs := r.StepEvents()
		// A beat may reach several milestones (a restart whose broker catches up at once).
		for next < len(milestones) && milestones[next].reached(before, v, evs) {
			m := milestones[next]
			for _, word := range m.words {
				require.Contains(t, strings.ToLower(s.Narration), strings.ToLower(word),
					"beat %d reaches %q; its narration should say so", beat+1, m.name)
			}
			next++
		}
		before = v
		moved, err := r.Next()
		require.NoError(t, err)
		if !moved {
			break
		}
	}
	require.Equal(t, len(milestones), next, "the demo never reached %q", func() string {
		if next < len(milestones) {
			return milestones[next].name
		}
		return ""
	}())
}

func brokersUp(v engine.View) int {
	n := 0
	for _, b := range v.Brokers {
		if b.State == "up" {
			n++
		}
	}
	return n
}
