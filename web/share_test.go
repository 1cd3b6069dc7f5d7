package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/web/model"
	"github.com/stretchr/testify/require"
)

func viewOf(t *testing.T, a *App) string {
	t.Helper()
	b, err := json.Marshal(a.S.Sim().View())
	require.NoError(t, err)
	return string(b)
}

// failoverApp is the story the browser test tells: a topic, records, a broker killed.
func failoverApp(t *testing.T) (*App, *fakeHost) {
	t.Helper()
	h := newFakeHost()
	a := newLessonApp(t, h, "")
	a.Dispatch("kafka-topics --create --topic orders --partitions 2 --replication-factor 3", nil, model.SourceUI)
	a.Dispatch("kafka-console-producer --topic orders --property parse.key=true --property key.separator=:", []string{"alice:1", "bob:2"}, model.SourceUI)
	a.S.Playing = true
	a.Tick(3000) // 30 ticks at the default speed
	a.Dispatch("broker kill 1", nil, model.SourceUI)
	a.Tick(12000)
	return a, h
}

// Scrubbing back before the kill and killing another broker forks the run; the link opens the
// same session, at the same moment, on a fresh page.
func TestForkAndLinkOpenTheSameState(t *testing.T) {
	a, h := failoverApp(t)
	kill := a.S.TimelineView().PrevEvent // the last marked moment: the fencing or the election
	require.Greater(t, kill, int64(0))
	a.GoTo(20)
	require.False(t, a.S.Playing, "moving in time pauses the clock")
	require.True(t, a.S.TimelineView().Past)
	a.Dispatch("broker kill 2", nil, model.SourceUI)
	tv := a.S.TimelineView()
	require.False(t, tv.Past, "acting in the past forks: the position is the new end")
	require.Equal(t, 1, tv.Forks)
	require.Equal(t, int64(21), tv.Len)
	a.Step()
	want := viewOf(t, a)

	a.CopyLink()
	require.NotEmpty(t, a.Share.Link)
	require.Equal(t, a.Share.Link, h.copied)
	frag := a.Share.Link[strings.Index(a.Share.Link, "#"):]

	b := newLessonApp(t, newFakeHost(), "")
	require.True(t, b.OpenFromFragment(frag))
	require.Empty(t, b.Lesson.Notice)
	require.Equal(t, want, viewOf(t, b))
	require.Equal(t, a.S.Commands(), b.S.Commands())

	// The link remembers a position in the past too.
	a.GoTo(5)
	a.CopyLink()
	c := newLessonApp(t, newFakeHost(), "")
	require.True(t, c.OpenFromFragment(a.Share.Link[strings.Index(a.Share.Link, "#"):]))
	require.Equal(t, viewOf(t, a), viewOf(t, c))
	require.Equal(t, int64(5), c.S.Run().Position())
	require.True(t, c.S.TimelineView().Past)

	// Undo fork puts the first run back.
	a.UndoFork()
	require.Equal(t, 0, a.S.TimelineView().Forks)
	require.Contains(t, a.S.Commands()[len(a.S.Commands())-2].Line, "broker kill 1")
}

// Links that are damaged, cut short or from another version open a fresh cluster with a
// message, and never panic.
func TestBadLinksOpenAFreshCluster(t *testing.T) {
	a, _ := failoverApp(t)
	a.CopyLink()
	frag := a.Share.Link[strings.Index(a.Share.Link, "#"):]
	fresh := newLessonApp(t, newFakeHost(), "")
	freshView := viewOf(t, fresh)
	for name, bad := range map[string]string{
		"cut short":       frag[:len(frag)/2],
		"tampered":        frag[:len(frag)-6] + "AAAAAA",
		"unknown version": strings.Replace(frag, "#session=v1.", "#session=v9.", 1),
		"not base64":      "#session=v1.!!!",
		"empty":           "#session=",
		"oversize":        "#session=v1." + strings.Repeat("A", 1<<20),
	} {
		b := newLessonApp(t, newFakeHost(), "")
		require.True(t, b.OpenFromFragment(bad), name)
		require.Contains(t, b.Lesson.Notice, "This link cannot be opened", name)
		require.Contains(t, b.Lesson.Notice, "fresh cluster", name)
		require.Equal(t, freshView, viewOf(t, b), name)
		require.Nil(t, b.Crash, name)
	}
	b := newLessonApp(t, newFakeHost(), "")
	require.False(t, b.OpenFromFragment("#something-else"), "other fragments are not session links")
}

// Each export downloads; the JSON and the script import back into the same state.
func TestExportAndImport(t *testing.T) {
	a, h := failoverApp(t)
	want := viewOf(t, a)
	for _, format := range []string{"json", "markdown", "script"} {
		a.Export(format)
	}
	require.Len(t, h.downloads, 3)
	require.Equal(t, "kafka-session.json", h.downloads[0].name)
	require.Equal(t, "kafka-session.md", h.downloads[1].name)
	require.Contains(t, h.downloads[1].content, "broker 1")
	require.Equal(t, "kafka-session.kafka", h.downloads[2].name)
	require.Contains(t, h.downloads[2].content, "broker kill 1")

	for _, d := range []download{h.downloads[0], h.downloads[2]} {
		bh := newFakeHost()
		b := newLessonApp(t, bh, "")
		b.Import()
		require.NotNil(t, bh.picked, "the file picker opened")
		bh.picked(d.name, d.content, nil)
		require.Empty(t, b.Lesson.Notice, d.name)
		require.Equal(t, want, viewOf(t, b), d.name)
	}

	// A broken file leaves the session as it was.
	bh := newFakeHost()
	b := newLessonApp(t, bh, "")
	b.Dispatch("broker kill 3", nil, model.SourceConsole)
	before := viewOf(t, b)
	for _, bad := range []string{"{not json", `{"format":"other"}`, "broker kill 99\n", "kafka-topics --create --topic 'x\n"} {
		b.Import()
		bh.picked("bad.kafka", bad, nil)
		require.Contains(t, b.Lesson.Notice, "could not be imported", bad)
		require.Equal(t, before, viewOf(t, b), bad)
		b.Lesson.Notice = ""
	}
	a.Export("yaml")
	require.Contains(t, a.S.Console()[len(a.S.Console())-1].Text, "unknown export format")
}

// A link made inside a lesson reopens the lesson at the same step, with the same progress,
// on the same cluster.
func TestLinkInsideALesson(t *testing.T) {
	h := newFakeHost()
	a := newLessonApp(t, h, "?lesson=9&step=3")
	require.NotNil(t, a.Lesson.Run)
	a.CopyLink()
	b := newLessonApp(t, newFakeHost(), "")
	require.True(t, b.OpenFromFragment(a.Share.Link[strings.Index(a.Share.Link, "#"):]))
	require.Empty(t, b.Lesson.Notice)
	require.NotNil(t, b.Lesson.Run)
	require.Equal(t, a.Lesson.Run.Lesson().Slug, b.Lesson.Run.Lesson().Slug)
	require.Equal(t, a.Lesson.Run.Progress(), b.Lesson.Run.Progress())
	require.Equal(t, viewOf(t, a), viewOf(t, b))
}

// The timeline panel renders with its controls named, and says in words when it shows the past.
func TestTimelinePanelRenders(t *testing.T) {
	a, _ := failoverApp(t)
	html := render(t, a)
	for _, want := range []string{`aria-label="Timeline"`, `aria-label="Undo"`, `aria-label="Back one tick"`,
		`aria-label="Copy link"`, `aria-label="Export"`, `aria-label="Import"`, `class="tl-mark mark-down"`} {
		require.Contains(t, html, want)
	}
	require.NotContains(t, html, "Viewing the past")
	a.GoTo(3)
	html = render(t, a)
	require.Contains(t, html, "Viewing the past")
	require.Contains(t, html, `data-past="true"`)
	require.Equal(t, engine.FormatSimTime(a.S.Sim().NowMs()), a.S.TimelineView().TimeText)
}

// The console answers `session export` as kafkasim does: printed, or downloaded with --output.
func TestConsoleSessionExport(t *testing.T) {
	a, h := failoverApp(t)
	a.RunConsoleLine("session export --format script")
	out := a.S.Console()
	require.Contains(t, out[len(out)-1].Text+"\n"+joinConsole(a), "broker kill 1")
	a.RunConsoleLine("session export --format markdown --output homework.md")
	require.Len(t, h.downloads, 1)
	require.Equal(t, "homework.md", h.downloads[0].name)
	require.Equal(t, "text/markdown", h.downloads[0].mime)

	// A link, printed once the browser has compressed it, opens the same run; with --output
	// it downloads as a line of text, and --base-url points it at another playground.
	a.RunConsoleLine("session export --format link")
	link := a.S.Console()[len(a.S.Console())-1].Text
	require.True(t, strings.HasPrefix(link, a.Lesson.BaseURL+"#session=v1."), link)
	b, _ := failoverApp(t)
	require.True(t, b.OpenFromFragment(link[strings.Index(link, "#"):]))
	require.Equal(t, a.S.File().Commands, b.S.File().Commands)
	a.RunConsoleLine("session export --format link --output link.txt --base-url https://kafka.example/")
	require.Len(t, h.downloads, 2)
	require.True(t, strings.HasPrefix(h.downloads[1].content, "https://kafka.example/#session=v1."), h.downloads[1].content)

	for _, bad := range []string{"session", "session export", "session export --format yaml", "session import x",
		"session export --format json --base-url https://kafka.example/"} {
		a.RunConsoleLine(bad)
		last := a.S.Console()[len(a.S.Console())-1]
		require.Equal(t, "err", last.Kind, bad)
	}
	require.Nil(t, a.Crash)
}

func joinConsole(a *App) string {
	var b strings.Builder
	for _, l := range a.S.Console() {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}
