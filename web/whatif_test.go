package web

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/web/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The acks=1 loss story through the App: the panel opens on the durability preset, follows
// every command and tick, and says in words when and how the two runs diverged.
func TestComparePanelFollowsTheSessionAndMarksTheDivergence(t *testing.T) {
	a := newTestApp(t)
	html := render(t, a)
	assert.Contains(t, html, `aria-label="Compare"`)
	assert.NotContains(t, html, `aria-label="What-if comparison"`)

	a.ToggleCompare()
	require.True(t, a.WhatIf.Open)
	require.Empty(t, a.WhatIf.Error)
	html = render(t, a)
	for _, want := range []string{`role="region"`, `aria-label="What-if comparison"`, `<option selected="selected" value="0">acks=1 vs acks=all</option>`,
		`range vs cooperative-sticky`, `No difference yet`, `aria-label="acks=1"`, `aria-label="acks=all"`, `>Close</button>`, `aria-expanded="true"`} {
		assert.Contains(t, html, want)
	}
	assert.True(t, strings.Index(html, `id="whatif"`) > strings.Index(html, `id="timeline-title"`), "the panel comes last in the layout")

	producer := "kafka-console-producer.sh --topic payments --property parse.key=true --property key.separator=:"
	a.Dispatch("kafka-topics.sh --create --topic payments --partitions 1 --replication-factor 3", nil, model.SourceConsole)
	a.Dispatch(producer, []string{"alice:p0"}, model.SourceConsole)
	a.Dispatch("settle", nil, model.SourceConsole)
	a.Dispatch("broker slow 2", nil, model.SourceConsole)
	a.Dispatch("broker slow 3", nil, model.SourceConsole)
	a.Dispatch(producer, []string{"<b>dave</b>:p3"}, model.SourceConsole)
	a.Dispatch("broker kill 1", nil, model.SourceConsole)
	require.False(t, a.WhatIfView().Diverged)
	for range 150 {
		a.Step()
	}
	v := a.WhatIfView()
	require.True(t, v.Diverged)
	assert.Contains(t, v.Banner, "payments-0: with acks=1, acknowledged offset 1 (key <b>dave</b>) was lost; with acks=all, nothing was lost")
	html = render(t, a)
	assert.Contains(t, html, `data-diverged="true"`)
	assert.Contains(t, html, "Diverged at t = ")
	assert.Contains(t, html, "(key &lt;b&gt;dave&lt;/b&gt;) was lost", "a key is text, not HTML")
	assert.NotContains(t, html, "<b>dave</b>")
	assert.Contains(t, html, "≠ differs")

	// Another preset starts again from the same log; Close lets the panes go.
	a.PickPreset("3")
	require.Equal(t, 3, a.WhatIf.Preset)
	assert.False(t, a.WhatIfView().Diverged)
	assert.Contains(t, render(t, a), `<option selected="selected" value="3">range vs cooperative-sticky</option>`)
	a.CloseCompare()
	assert.Nil(t, a.WhatIf.Compare)
	assert.NotContains(t, render(t, a), `aria-label="What-if comparison"`)
	a.ToggleCompare()
	assert.Equal(t, 3, a.WhatIf.Preset, "the button reopens the last preset")
}

// Time travel in the main session takes the comparison along.
func TestComparePanelFollowsTimeTravel(t *testing.T) {
	a := newTestApp(t)
	a.OpenCompare(0)
	a.Dispatch("kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3", nil, model.SourceConsole)
	a.Dispatch("kafka-console-producer.sh --topic t", []string{"x"}, model.SourceConsole)
	end := a.S.Run().Position()
	require.NoError(t, a.S.GoTo(1))
	a.SyncWhatIf()
	assert.Equal(t, int64(1), a.WhatIf.Compare.Step())
	require.NoError(t, a.S.GoTo(end))
	a.SyncWhatIf()
	assert.Equal(t, end, a.WhatIf.Compare.Step())
	a.OpenCompare(99)
	assert.Equal(t, 0, a.WhatIf.Preset, "an unknown preset opens the first")
}

// The comparison follows every move in time: undo, redo, undo fork, and a session opened from
// a link, which starts it again on the new cluster.
func TestComparePanelFollowsUndoAndLinks(t *testing.T) {
	a, _ := failoverApp(t)
	a.OpenCompare(0)
	require.NotNil(t, a.WhatIf.Compare)
	end := a.S.Run().Position()
	require.Equal(t, end, a.WhatIf.Compare.Step())
	a.Undo()
	require.Equal(t, a.S.Run().Position(), a.WhatIf.Compare.Step())
	a.Redo()
	require.Equal(t, a.S.Run().Position(), a.WhatIf.Compare.Step())
	a.GoTo(10)
	a.Dispatch("broker kill 3", nil, "ui")
	a.UndoFork()
	require.Equal(t, a.S.Run().Position(), a.WhatIf.Compare.Step())

	a.CopyLink()
	b := newLessonApp(t, newFakeHost(), "")
	b.OpenCompare(0)
	require.True(t, b.OpenFromFragment(a.Share.Link[strings.Index(a.Share.Link, "#"):]))
	require.Equal(t, b.S.Run().Position(), b.WhatIf.Compare.Step())
	require.Equal(t, b.S.Run().Setup(), b.WhatIf.Compare.Setup())
}

// Escape closes the open dialog first, and the comparison once nothing else is open.
func TestEscapeClosesTheComparisonLast(t *testing.T) {
	a, _ := failoverApp(t)
	a.OpenCompare(0)
	a.ShowHelp = true
	a.Key("Escape")
	require.False(t, a.ShowHelp)
	require.True(t, a.WhatIf.Open)
	a.Key("Escape")
	require.False(t, a.WhatIf.Open)
}
