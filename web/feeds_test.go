package web

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/web/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConsoleFeedSendsEachLineOnce(t *testing.T) {
	a := newTestApp(t)
	var cur ConsoleCursor
	first := a.ConsoleFeed(&cur)
	assert.True(t, first.Reset)
	assert.Equal(t, len(a.S.Console()), first.Lines)
	assert.Equal(t, strings.Count(first.HTML, "<span"), first.Lines)

	assert.Equal(t, Feed{}, a.ConsoleFeed(&cur), "nothing new")
	a.Dispatch("seed", nil, model.SourceConsole)
	f := a.ConsoleFeed(&cur)
	assert.False(t, f.Reset)
	assert.Equal(t, `<span class="line cmd">seed`+"\n"+`</span><span class="line out">seed 1`+"\n</span>", f.HTML)

	a.RunConsoleLine("clear")
	f = a.ConsoleFeed(&cur)
	assert.True(t, f.Reset, "clear empties the view")
	assert.Empty(t, f.HTML)
}

func TestConsoleFeedCatchesUpAfterTrimming(t *testing.T) {
	a := newTestApp(t)
	var cur ConsoleCursor
	a.ConsoleFeed(&cur)
	for range model.MaxConsoleLines {
		a.Dispatch("seed", nil, model.SourceConsole)
	}
	f := a.ConsoleFeed(&cur)
	assert.False(t, f.Reset)
	assert.Equal(t, model.MaxConsoleLines, f.Lines, "only what is still kept")
}

func TestEventFeedIsNewestFirstFilteredAndIncremental(t *testing.T) {
	a := newTestApp(t)
	var cur EventCursor
	f := a.EventFeed(&cur)
	assert.True(t, f.Reset)
	assert.Contains(t, f.HTML, "No events yet.")

	a.Dispatch("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 --replication-factor 3", nil, model.SourceUI)
	f = a.EventFeed(&cur)
	assert.True(t, f.Reset, "the first lines replace the placeholder")
	assert.Equal(t, 1, f.Lines)
	assert.Contains(t, f.HTML, `data-kind="TopicCreated"`)

	a.Dispatch("broker kill 2", nil, model.SourceUI)
	a.Dispatch("settle", nil, model.SourceUI)
	f = a.EventFeed(&cur)
	assert.False(t, f.Reset)
	require.Positive(t, f.Lines)
	kinds := regexpAll(`data-kind="([A-Za-z]+)"`, f.HTML)
	assert.Equal(t, "BrokerKilled", kinds[len(kinds)-1], "newest first: the kill is the oldest of these")
	assert.Equal(t, Feed{}, a.EventFeed(&cur))

	a.EventFilter = "problems"
	f = a.EventFeed(&cur)
	assert.True(t, f.Reset, "a new filter redraws")
	for _, k := range regexpAll(`data-kind="([A-Za-z]+)"`, f.HTML) {
		assert.Contains(t, []string{"BrokerFenced", "IsrShrunk", "LeaderOffline", "RecordsLost"}, k)
	}

	a.Dispatch("reset", nil, model.SourceConsole)
	a.EventFilter = "all"
	a.EventFeed(&cur)
	a.Dispatch("broker kill 1", nil, model.SourceConsole)
	f = a.EventFeed(&cur)
	assert.Contains(t, f.HTML, `data-seq="1"`, "after a reset the new log's events are drawn even though their numbers start again")
}

func TestClickingAnEventLineHighlightsWhatItNames(t *testing.T) {
	a := newTestApp(t)
	a.Dispatch("broker kill 3", nil, model.SourceUI)
	lines := a.S.Events.Lines("all", 1)
	require.Len(t, lines, 1)
	a.SelectEventSeq(lines[0].Seq)
	assert.Equal(t, int32(3), a.Highlight.Broker)
	assert.True(t, strings.Contains(render(t, a), `class="broker state-crashed hl" data-broker="3"`))
	a.SelectEventSeq(999) // no such event: nothing happens
	assert.Equal(t, int32(3), a.Highlight.Broker)
}
