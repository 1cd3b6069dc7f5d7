package web

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/web/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/staticrender"
)

func newTestApp(t *testing.T) *App {
	t.Helper()
	a, err := NewApp(engine.DefaultConfig())
	require.NoError(t, err)
	a.Dispatch("settle", nil, model.SourceConsole)
	return a
}

// render builds the whole page on the host, as the browser would, and returns its HTML.
func render(t *testing.T, a *App) string {
	t.Helper()
	env, err := vugu.NewBuildEnv()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, staticrender.New(&buf).Render(env.RunBuild(&Root{App: a})))
	return buf.String()
}

func TestPageShowsTheClusterAndTheConsole(t *testing.T) {
	a := newTestApp(t)
	html := render(t, a)
	for _, want := range []string{`aria-label="Broker 1"`, `aria-label="Broker 3"`, `data-state="up"`,
		`aria-label="Command"`, `aria-label="Console output"`, `aria-label="Event log"`, `id="lanes"`,
		`aria-label="Actions for broker 2"`, `seed 1`, `aria-label="Play"`} {
		assert.Contains(t, html, want)
	}
	assert.NotContains(t, html, `role="alert"`)
}

func TestTopicDialogDispatchesTheKafkaTopicsCommand(t *testing.T) {
	a := newTestApp(t)
	a.Key("t")
	require.True(t, a.ShowNewTopic)
	assert.Contains(t, render(t, a), `aria-labelledby="topic-dialog-title"`)
	a.TopicForm = TopicDraft{Name: "orders", Partitions: "3", ReplicationFactor: "3", MinISR: "2"}
	a.CreateTopic()
	require.Empty(t, a.FormError)
	assert.False(t, a.ShowNewTopic)
	tv, ok := a.S.View().Topic("orders")
	require.True(t, ok)
	assert.Len(t, tv.Partitions, 3)
	assert.Equal(t, "2", tv.Configs["min.insync.replicas"])
	out := consoleText(a)
	assert.Contains(t, out, "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2")
	assert.Contains(t, out, "Created topic orders.")
	cmds := a.S.Commands()
	assert.Equal(t, model.SourceUI, cmds[len(cmds)-1].Source)
}

func TestBadFormInputIsReportedAndChangesNothing(t *testing.T) {
	a := newTestApp(t)
	before := len(a.S.Commands())
	a.TopicForm = TopicDraft{Name: "orders", Partitions: "three", ReplicationFactor: "3"}
	a.CreateTopic()
	assert.Contains(t, a.FormError, "partitions must be a whole number")
	assert.Len(t, a.S.Commands(), before)
	a.TopicForm = TopicDraft{Name: "orders", Partitions: "3", ReplicationFactor: "9"}
	a.CreateTopic()
	assert.Contains(t, a.FormError, "replication factor")
	_, ok := a.S.View().Topic("orders")
	assert.False(t, ok)
}

func TestUserTextIsRenderedAsText(t *testing.T) {
	a := newTestApp(t)
	a.Dispatch("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 3", nil, model.SourceConsole)
	a.Produce = ProduceDraft{Topic: "t", Key: "<img src=x onerror=alert(1)>", Value: "<b>bold</b>", Count: "1"}
	a.ProduceRecords()
	require.Empty(t, a.FormError)
	var cc ConsoleCursor
	var ec EventCursor
	for _, html := range []string{render(t, a), a.ConsoleFeed(&cc).HTML, a.EventFeed(&ec).HTML} {
		assert.NotContains(t, html, "<img src=x")
		assert.NotContains(t, html, "<b>bold</b>")
	}
	assert.Contains(t, a.ConsoleFeed(&ConsoleCursor{}).HTML, "&lt;img src=x onerror=alert(1)&gt;")
}

func TestPanicInACommandShowsTheBannerAndTheSessionGoesOn(t *testing.T) {
	a := newTestApp(t)
	a.S.Debug = true
	a.Dispatch("broker kill 2", nil, model.SourceUI)
	a.Dispatch("debug panic", nil, model.SourceConsole)
	require.NotNil(t, a.Crash)
	assert.Equal(t, uint64(1), a.Crash.Seed)
	assert.Equal(t, "broker kill 2", a.Crash.LastCommand)
	html := render(t, a)
	assert.Contains(t, html, `role="alert"`)
	assert.Contains(t, html, "seed 1")
	res := a.Dispatch("broker start 2", nil, model.SourceConsole)
	assert.NoError(t, res.Err)
	a.DismissCrash()
	assert.NotContains(t, render(t, a), `role="alert"`)
}

func TestDebugCommandsAreOffByDefault(t *testing.T) {
	a := newTestApp(t)
	res := a.Dispatch("debug panic", nil, model.SourceConsole)
	require.Error(t, res.Err)
	assert.Contains(t, res.Err.Error(), "?debug=1")
	assert.Nil(t, a.Crash)
}

func TestShortcuts(t *testing.T) {
	a := newTestApp(t)
	assert.True(t, a.Key(" "))
	assert.True(t, a.S.Playing)
	assert.True(t, a.Key(" "))
	assert.False(t, a.S.Playing)
	now := a.S.Sim().Now()
	assert.True(t, a.Key("ArrowRight"))
	assert.Equal(t, now+1, a.S.Sim().Now())
	assert.True(t, a.Key("?"))
	assert.True(t, a.ShowHelp)
	assert.Contains(t, render(t, a), "Keyboard shortcuts")
	assert.True(t, a.Key("Escape"))
	assert.False(t, a.ShowHelp)
	assert.False(t, a.Key("x"))
	// Every shortcut the help lists is bound.
	for _, s := range Shortcuts {
		key := map[string]string{"Space": " ", "→": "ArrowRight", "Esc": "Escape", "←": "ArrowLeft"}[s.Key]
		if key == "" {
			key = s.Key
		}
		b := newTestApp(t)
		if s.Classroom { // classroom keys are shortcuts only while presenting
			assert.False(t, IsShortcut(key, "BODY", false), s.Key)
			assert.False(t, b.Key(key), s.Key)
			b.SetClassroom(true)
		}
		assert.True(t, IsShortcut(key, "BODY", false), s.Key)
		assert.True(t, b.Key(key), s.Key)
		b.SetClassroom(false)
	}
}

func TestIsShortcutLeavesTypingAndButtonsAlone(t *testing.T) {
	for _, c := range []struct {
		key, tag string
		editable bool
		want     bool
	}{
		{" ", "BODY", false, true},
		{" ", "BUTTON", false, false}, // Space presses the focused button
		{" ", "INPUT", false, false},
		{"t", "INPUT", false, false},
		{"?", "TEXTAREA", false, false},
		{"Escape", "INPUT", false, true},
		{"ArrowRight", "DIV", false, true},
		{"t", "DIV", true, false},
		{"q", "BODY", false, false},
	} {
		assert.Equal(t, c.want, IsShortcut(c.key, c.tag, c.editable), "%q on %s", c.key, c.tag)
	}
}

func TestClockAdvancesOnlyWhenPlaying(t *testing.T) {
	a := newTestApp(t)
	now := a.S.Sim().Now()
	assert.Zero(t, a.Tick(1000))
	a.TogglePlay()
	assert.Equal(t, int64(10), a.Tick(1000)) // 1x: ten 100 ms ticks a second
	assert.Equal(t, now+10, a.S.Sim().Now())
	html := render(t, a)
	assert.Contains(t, html, `aria-label="Pause"`)
}

func consoleText(a *App) string {
	var b strings.Builder
	for _, l := range a.S.Console() {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}
