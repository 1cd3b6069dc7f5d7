package web

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/session"
	"github.com/kafka-playground/playground/lessons"
	"github.com/kafka-playground/playground/web/lanes"
	"github.com/kafka-playground/playground/web/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vugu/vugu/js"
)

// fakeHost is the browser as the tests see it: localStorage is a map.
type fakeHost struct {
	store    map[string]string
	saveErr  error
	loadErr  error
	focusses int

	copied    string
	downloads []download
	picked    func(name, content string, err error) // the file picker left open
}

// download is a file the page offered for download.
type download struct{ name, mime, content string }

func newFakeHost() *fakeHost { return &fakeHost{store: map[string]string{}} }

func (h *fakeHost) FocusCommand()              { h.focusses++ }
func (h *fakeHost) CopyText(text string) error { h.copied = text; return nil }
func (h *fakeHost) Download(name, mime, content string) error {
	h.downloads = append(h.downloads, download{name, mime, content})
	return nil
}
func (h *fakeHost) PickFile(accept string, done func(name, content string, err error)) {
	h.picked = done
}
func (h *fakeHost) MountList(string, js.Value) {}

// Deflate and Inflate answer at once, with Go's DEFLATE where the browser has its own.
func (h *fakeHost) Deflate(data []byte, done func([]byte, error)) { done(session.Deflate(data), nil) }
func (h *fakeHost) Inflate(deflated []byte, max int, done func([]byte, error)) {
	done(session.Inflate(deflated, max))
}
func (h *fakeHost) LoadStorage(key string) (string, error) {
	return h.store[key], h.loadErr
}

func (h *fakeHost) SaveStorage(key, value string) error {
	if h.saveErr != nil {
		return h.saveErr
	}
	h.store[key] = value
	return nil
}

// buttonDisabled says whether the page's button with that accessible label is disabled.
func buttonDisabled(html, label string) bool {
	m := regexp.MustCompile(`<button[^>]*aria-label="` + regexp.QuoteMeta(label) + `"[^>]*>`).FindString(html)
	return strings.Contains(m, ` disabled="`)
}

// newLessonApp is a page as the browser starts it: progress read, the query opened.
func newLessonApp(t *testing.T, h *fakeHost, query string) *App {
	t.Helper()
	a, err := NewApp(engine.DefaultConfig())
	require.NoError(t, err)
	a.Host = h
	a.Lesson.BaseURL = "http://class.example:8080/"
	a.RestoreLessons(query)
	t.Cleanup(func() { presenting.Store(false) })
	return a
}

func lesson(t *testing.T, n int) lessons.Lesson {
	t.Helper()
	l, err := lessons.ByNumber(n)
	require.NoError(t, err)
	return l
}

// next presses Next and checks that the step moved.
func next(t *testing.T, a *App) {
	t.Helper()
	before := a.Lesson.Run.Index()
	a.LessonNext()
	require.Empty(t, a.Lesson.Error)
	require.Equal(t, before+1, a.Lesson.Run.Index(), "Next did not move on from step %d", before+1)
}

func TestLessonFourByHandThroughThePanel(t *testing.T) {
	h := newFakeHost()
	a := newLessonApp(t, h, "")
	a.Key("Escape")
	a.Lesson.ShowPicker = true
	html := render(t, a)
	assert.Contains(t, html, `aria-label="Lesson 4: Partitions and keys"`)
	assert.Contains(t, html, "Predict that records with the same key always land in the same partition")
	assert.Equal(t, 15, strings.Count(html, `class="lesson-item"`))

	a.OpenLesson("partitions-and-keys")
	require.NotNil(t, a.Lesson.Run)
	assert.False(t, a.Lesson.ShowPicker)
	html = render(t, a)
	assert.Contains(t, html, "Step 1 of 7")
	assert.Contains(t, html, "<strong>partitions</strong>", "the narration is rendered Markdown")
	assert.Contains(t, html, `class="layout with-lesson"`)
	assert.Equal(t, lanes.Highlight{Broker: -1, Topic: "orders", Partition: -1}, a.Highlight, "three partitions of orders: the whole topic")
	cmds := a.S.Commands()
	assert.Equal(t, model.SourceLesson, cmds[len(cmds)-1].Source, "the demo ran through the session")

	next(t, a) // the task: a record with key alice
	html = render(t, a)
	assert.Contains(t, html, `data-state="pending"`)
	assert.Contains(t, html, "Goal, not reached yet")
	assert.Contains(t, html, "Topic orders has a record with key alice")
	assert.True(t, buttonDisabled(html, "Next"), "Next waits for the goal")
	a.LessonNext()
	assert.Equal(t, 1, a.Lesson.Run.Index())

	a.Produce = ProduceDraft{Topic: "orders", Key: "alice", Value: "order 1", Count: "1"}
	a.ProduceRecords()
	require.True(t, a.Lesson.Run.Passed(1), a.Lesson.GoalDetail)
	html = render(t, a)
	assert.Contains(t, html, `data-state="done"`)
	assert.Contains(t, html, "Goal reached", "green is also said in words")

	next(t, a) // a quiz: where do alice's next records go?
	before := len(a.S.Commands())
	assert.True(t, buttonDisabled(render(t, a), "Next"), "a question is answered before its reveal")
	a.AnswerQuiz(1)
	html = render(t, a)
	assert.Contains(t, html, "Not quite.")
	assert.Contains(t, html, "That is what happens to records without a key")
	assert.Greater(t, len(a.S.Commands()), before, "the first answer played the reveal")
	played := len(a.S.Commands())
	a.AnswerQuiz(0)
	assert.Contains(t, render(t, a), "Right.")
	assert.Len(t, a.S.Commands(), played, "a second answer explains, and plays nothing")

	next(t, a) // a quiz about ordering
	a.AnswerQuiz(1)
	next(t, a) // keyless records: a demo
	next(t, a) // round robin: a demo
	next(t, a) // the last task: order-7 twice
	a.Produce = ProduceDraft{Topic: "orders", Key: "order-7", Value: "created", Count: "2"}
	a.ProduceRecords()
	require.True(t, a.Lesson.Run.Finished())
	html = render(t, a)
	assert.Contains(t, html, "Lesson complete")
	assert.Contains(t, html, `aria-label="Next lesson"`)

	var saved savedProgress
	require.NoError(t, json.Unmarshal([]byte(h.store[ProgressKey]), &saved))
	assert.True(t, saved.Lessons["partitions-and-keys"].Done)
	assert.Equal(t, "partitions-and-keys", saved.Open)

	a.CloseLesson() // Keep playing
	assert.Nil(t, a.Lesson.Run)
	assert.NotContains(t, render(t, a), `aria-label="Lesson"`)
	_, ok := a.S.View().Topic("orders")
	assert.True(t, ok, "the sandbox keeps the lesson's cluster")
	var after savedProgress
	require.NoError(t, json.Unmarshal([]byte(h.store[ProgressKey]), &after))
	assert.Empty(t, after.Open, "a reload after Keep playing opens no lesson")

	b := newLessonApp(t, h, "") // a reload
	assert.Nil(t, b.Lesson.Run)
	assert.Equal(t, StatusDone, b.Status("partitions-and-keys"))
	b.Lesson.ShowPicker = true
	assert.Regexp(t, `data-lesson="partitions-and-keys" data-status="done"`, render(t, b))
	assert.Contains(t, render(t, b), "✓ done")
}

func TestAReloadReturnsToTheStepTheLearnerWasOn(t *testing.T) {
	h := newFakeHost()
	a := newLessonApp(t, h, "")
	a.OpenLesson("failover")
	next(t, a)
	a.Dispatch("broker kill 1", nil, model.SourceUI)
	a.Dispatch("settle", nil, model.SourceConsole)
	require.True(t, a.Lesson.Run.Passed(1))
	next(t, a)

	b := newLessonApp(t, h, "")
	require.NotNil(t, b.Lesson.Run)
	assert.Equal(t, "failover", b.Lesson.Run.Lesson().Slug)
	assert.Equal(t, 2, b.Lesson.Run.Index())
	assert.True(t, b.Lesson.Run.Passed(1))
	assert.Equal(t, StatusInProgress, b.Status("failover"))
	p, ok := b.S.View().Partition("orders", 0)
	require.True(t, ok)
	assert.NotEqual(t, int32(1), p.Leader, "the cluster was rebuilt as the learner left it")
	b.Lesson.ShowPicker = true
	assert.Contains(t, render(t, b), "◐ in progress")
	assert.Contains(t, render(t, b), `aria-label="Start lesson 9 over"`)
}

func TestBrokenSavedProgressIsResetWithAMessage(t *testing.T) {
	good := func() string {
		h := newFakeHost()
		a := newLessonApp(t, h, "")
		a.OpenLesson("failover")
		return h.store[ProgressKey]
	}()
	for _, c := range []struct{ name, stored, notice string }{
		{"not JSON", `{"version": 1, "lessons": {`, "could not be read"},
		{"another layout", `{"version": 0, "lessons": {}}`, "another version"},
		{"a changed lesson", strings.Replace(good, `"digest":"`, `"digest":"x`, 1), `"failover" no longer fits`},
		{"an impossible step", strings.Replace(good, `"step":0`, `"step":99`, 1), `"failover" no longer fits`},
		{"an unknown lesson", `{"version": 1, "lessons": {"knitting": {"lesson": "knitting"}}}`, `"knitting" no longer fits`},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newFakeHost()
			h.store[ProgressKey] = c.stored
			a := newLessonApp(t, h, "")
			assert.Contains(t, a.Lesson.Notice, c.notice)
			assert.Nil(t, a.Lesson.Run, "nothing to resume")
			assert.Contains(t, render(t, a), `id="lesson-notice"`)
			var saved savedProgress
			require.NoError(t, json.Unmarshal([]byte(h.store[ProgressKey]), &saved), "the reset was written back")
			assert.Equal(t, progressVersion, saved.Version)
			assert.Equal(t, StatusNew, a.Status("failover"))
			a.OpenLesson("failover")
			assert.Zero(t, a.Lesson.Run.Index())
		})
	}
}

func TestAResumeThatFailsStartsTheLessonAfresh(t *testing.T) {
	h := newFakeHost()
	a := newLessonApp(t, h, "")
	a.OpenLesson("partitions-and-keys")
	next(t, a)
	a.LessonNext() // not allowed: the goal does not hold
	assert.Equal(t, 1, a.Lesson.Run.Index())
	var saved savedProgress
	require.NoError(t, json.Unmarshal([]byte(h.store[ProgressKey]), &saved))
	p := saved.Lessons["partitions-and-keys"]
	p.Answers[1] = 2 // step 2 is a task, which has no answers: Resume refuses it
	saved.Lessons["partitions-and-keys"] = p
	b, _ := json.Marshal(saved)
	h.store[ProgressKey] = string(b)
	c := newLessonApp(t, h, "")
	require.NotNil(t, c.Lesson.Run)
	assert.Zero(t, c.Lesson.Run.Index())
	assert.Contains(t, c.Lesson.Notice, "starts again from the beginning")
}

func TestStorageThatFailsIsToldAboutOnce(t *testing.T) {
	h := newFakeHost()
	h.saveErr = errors.New("QuotaExceededError")
	a := newLessonApp(t, h, "")
	a.OpenLesson("events")
	assert.Contains(t, a.Lesson.Notice, "cannot be saved")
	assert.NotNil(t, a.Lesson.Run, "the lesson goes on")
	a.Lesson.Notice = "" // dismissed
	a.LessonNext()
	assert.Empty(t, a.Lesson.Notice, "once is enough")

	h = newFakeHost()
	h.loadErr = errors.New("SecurityError")
	b := newLessonApp(t, h, "")
	assert.Contains(t, b.Lesson.Notice, "cannot be kept")
}

func TestHintsAndSolutionsArePutInPlaceWithoutRunning(t *testing.T) {
	a := newLessonApp(t, newFakeHost(), "?lesson=9&step=2")
	require.NotNil(t, a.Lesson.Run)
	assert.Equal(t, lanes.Highlight{Broker: 1, Topic: "orders", Partition: 0}, a.Highlight, "broker 1 and orders-0 are named")
	a.ShowHint()
	a.ShowHint()
	a.ShowHint() // there are two
	assert.Len(t, a.Hints(), 2)
	html := render(t, a)
	assert.Contains(t, html, "open broker 1")
	assert.True(t, buttonDisabled(html, "Hint"))

	commands := len(a.S.Commands())
	a.ShowSolution()
	assert.Equal(t, "broker kill 1", a.CommandInput)
	assert.Len(t, a.S.Commands(), commands, "nothing ran")
	assert.Contains(t, render(t, a), "broker kill 1\nsettle")
	a.RunConsole()
	assert.Equal(t, "settle", a.CommandInput, "the next statement takes its place")
	assert.False(t, a.Lesson.Run.Passed(1))
	a.RunConsole()
	assert.True(t, a.Lesson.Run.Passed(1))
	assert.NotContains(t, render(t, a), `aria-label="Show solution"`)

	b := newLessonApp(t, newFakeHost(), "?lesson=partitions-and-keys&step=2")
	b.ShowSolution()
	assert.Equal(t, ProduceDraft{Topic: "orders", Key: "alice", Value: "order 1", Count: "1"}, b.Produce,
		"a producer's records go into the produce form")
	assert.Empty(t, b.CommandInput)
	assert.Contains(t, render(t, b), "press Produce")
	b.ProduceRecords()
	assert.True(t, b.Lesson.Run.Passed(1))
}

func TestProduceDraftForOnlyWhatTheFormCanSend(t *testing.T) {
	producer := "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders --property parse.key=true --property key.separator=:"
	for _, c := range []struct {
		cmd  lessons.Command
		want ProduceDraft
		ok   bool
	}{
		{lessons.Command{Line: producer, Input: []string{"k:v", "k:v"}}, ProduceDraft{Topic: "orders", Key: "k", Value: "v", Count: "2"}, true},
		{lessons.Command{Line: "kafka-console-producer.sh --topic t --request-required-acks 1", Input: []string{"a b"}}, ProduceDraft{Topic: "t", Value: "a b", Count: "1", Acks: "1"}, true},
		{lessons.Command{Line: producer, Input: []string{"k:v", "k:w"}}, ProduceDraft{}, false},
		{lessons.Command{Line: producer, Input: []string{"no separator"}}, ProduceDraft{}, false},
		{lessons.Command{Line: "kafka-console-producer.sh --topic t --producer-property acks=0", Input: []string{"x"}}, ProduceDraft{}, false},
		{lessons.Command{Line: "broker kill 1"}, ProduceDraft{}, false},
		{lessons.Command{Line: producer}, ProduceDraft{}, false},
	} {
		got, ok := produceDraftFor(c.cmd)
		assert.Equal(t, c.ok, ok, c.cmd.Script())
		if ok {
			assert.Equal(t, c.want, got, c.cmd.Script())
		}
	}
}

func TestTheGoalTurnsGreenWhileTheClockRuns(t *testing.T) {
	a := newLessonApp(t, newFakeHost(), "?lesson=failover&step=2")
	a.Dispatch("broker kill 1", nil, model.SourceUI)
	assert.False(t, a.Lesson.Run.Passed(1))
	assert.Contains(t, render(t, a), "Now: partition orders-0: leader broker 1", "what the check sees is shown")
	a.TogglePlay()
	for i := 0; i < 200 && !a.Lesson.Run.Passed(1); i++ {
		a.Tick(100)
	}
	require.True(t, a.Lesson.Run.Passed(1))
	assert.True(t, a.TakeRenderSoon(), "the page renders at once")
	assert.False(t, a.TakeRenderSoon(), "once")
}

func TestHighlightMentions(t *testing.T) {
	a := newLessonAppNoHost(t, "")
	m := func(s ...string) []lessons.Mention {
		var out []lessons.Mention
		for _, x := range s {
			mm, err := lessons.ParseMention(x)
			require.NoError(t, err)
			out = append(out, mm)
		}
		return out
	}
	for _, c := range []struct {
		ms   []lessons.Mention
		want lanes.Highlight
	}{
		{m("broker 2"), lanes.Highlight{Broker: 2, Partition: -1}},
		{m("partition orders-1", "broker 3", "broker 1"), lanes.Highlight{Broker: 3, Topic: "orders", Partition: 1}},
		{m("record orders-0@3", "record orders-0@4"), lanes.Highlight{Broker: -1, Topic: "orders", Partition: 0, Offsets: []int64{3, 4}}},
		{m("topic orders", "partition orders-1"), lanes.Highlight{Broker: -1, Topic: "orders", Partition: -1}},
		{m("partition a-0", "partition b-1"), lanes.Highlight{Broker: -1, Topic: "a", Partition: 0}},
		{m("group billing", "consumer c1"), lanes.Highlight{Broker: -1, Partition: -1}},
	} {
		a.highlightMentions(c.ms)
		assert.Equal(t, c.want, a.Highlight, "%v", c.ms)
	}
}

func newLessonAppNoHost(t *testing.T, query string) *App {
	t.Helper()
	a, err := NewApp(engine.DefaultConfig())
	require.NoError(t, err)
	a.RestoreLessons(query)
	t.Cleanup(func() { presenting.Store(false) })
	return a
}

func TestLinksOpenALessonAtAStep(t *testing.T) {
	for _, c := range []struct {
		query, slug string
		step        int
		classroom   bool
	}{
		{"?lesson=4", "partitions-and-keys", 0, false},
		{"lesson=failover&step=3", "failover", 2, false},
		{"?lesson=demo-failover&step=9", "demo-failover", 8, false},
		{"?classroom=1", "demo-failover", 0, true},
		{"?classroom=true&lesson=9&step=2", "failover", 1, true},
		{"?seed=7&lesson=1", "events", 0, false},
	} {
		link, ok, err := ParseLessonQuery(c.query)
		require.NoError(t, err, c.query)
		require.True(t, ok, c.query)
		assert.Equal(t, c.slug, link.Lesson.Slug, c.query)
		assert.Equal(t, c.step, link.Step, c.query)
		assert.Equal(t, c.classroom, link.Classroom, c.query)
	}
	for _, q := range []string{"", "?", "?seed=3&brokers=5", "?classroom=0"} {
		_, ok, err := ParseLessonQuery(q)
		assert.NoError(t, err, q)
		assert.False(t, ok, q)
	}
	for q, want := range map[string]string{
		"?lesson=99":             "there is no lesson 99",
		"?lesson=knitting":       `no lesson or demo named "knitting"`,
		"?lesson=4&step=0":       "steps 1 to 7, not step=0",
		"?lesson=4&step=8":       "steps 1 to 7",
		"?lesson=4&step=two":     "not step=two",
		"?step=3":                "step=3 needs a lesson",
		"?classroom=please":      "classroom=1",
		"?lesson=%zz":            "cannot be read",
		"?lesson=4&step=1;drop=": "cannot be read",
	} {
		a := newLessonAppNoHost(t, q)
		assert.Contains(t, a.Lesson.Notice, want, q)
		assert.Contains(t, a.Lesson.Notice, "fresh cluster", q)
		assert.Nil(t, a.Lesson.Run, q)
		assert.Equal(t, engine.DefaultConfig().Seed, a.S.Sim().Seed())
		assert.Contains(t, render(t, a), `role="status" id="lesson-notice"`, q)
	}
}

func TestALinkBeatsTheLessonThatWasOpen(t *testing.T) {
	h := newFakeHost()
	a := newLessonApp(t, h, "")
	a.OpenLesson("failover")
	b := newLessonApp(t, h, "?lesson=2")
	assert.Equal(t, "topics-and-the-log", b.Lesson.Run.Lesson().Slug)
}
