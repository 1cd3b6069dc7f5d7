package lessons

import (
	"slices"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// countingSession records the command lines a Run sends, the way the browser's console would
// show them.
type countingSession struct {
	sh    *cli.Shell
	lines []string
}

func (c *countingSession) Exec(line string, input []string) cli.Result {
	c.lines = append(c.lines, line)
	return c.sh.Exec(line, input)
}

func (c *countingSession) Sim() *engine.Sim { return c.sh.Sim() }

func goodRun(t *testing.T) (*Run, *countingSession) {
	t.Helper()
	l, err := Parse("content/42-tiny.md", []byte(good))
	require.NoError(t, err)
	s := &countingSession{sh: newShell(t)}
	return NewRun(l, s), s
}

func TestRunNeedsStart(t *testing.T) {
	r, s := goodRun(t)
	moved, err := r.Next()
	require.False(t, moved)
	require.ErrorIs(t, err, ErrNotStarted)
	require.False(t, r.Back())
	ok, _ := r.Check(engine.View{})
	require.False(t, ok)
	_, _, err = r.Answer(0)
	require.ErrorIs(t, err, ErrNotStarted)
	require.ErrorIs(t, r.FastForward(1), ErrNotStarted)
	require.False(t, r.Finished())
	require.Empty(t, s.lines, "nothing runs before Start")
}

func TestRunStartsOnAFreshClusterAndPlaysTheFirstDemo(t *testing.T) {
	r, s := goodRun(t)
	var seen []int
	r.OnStep = func(i int) {
		if len(seen) == 0 {
			require.False(t, r.Played(), "OnStep comes before the demo plays")
		}
		seen = append(seen, i)
	}
	require.NoError(t, r.Start())
	require.Equal(t, []string{
		"reset --brokers 3 --controllers 5 --seed 1",
		"kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 3",
		"kafka-topics.sh --describe --topic orders",
		"kafka-console-producer.sh --topic orders",
	}, s.lines)
	require.Equal(t, []int{0}, seen)
	require.True(t, r.Played())
	require.True(t, r.Passed(0), "a demo is done once reached")
	require.Equal(t, 5, len(s.sh.Sim().View().Controllers))

	// Moving on to the task plays nothing; going back does not replay the demo.
	n := len(s.lines)
	moved, err := r.Next()
	require.NoError(t, err)
	require.True(t, moved)
	require.True(t, r.Back())
	require.False(t, r.Back(), "the first step has nothing before it")
	_, err = r.Next()
	require.NoError(t, err)
	require.Equal(t, n, len(s.lines))
	require.Equal(t, []int{0, 1, 0, 1}, seen)
}

func TestRunTask(t *testing.T) {
	r, s := goodRun(t)
	require.NoError(t, r.Start())
	_, err := r.Next()
	require.NoError(t, err)
	require.Equal(t, StepTask, r.Step().Kind)

	h, ok := r.Hint(0)
	require.True(t, ok)
	require.Equal(t, "broker kill 1", h)
	_, ok = r.Hint(1)
	require.False(t, ok)
	require.Equal(t, []string{"broker kill 1", "settle"}, r.Solution())

	ok, detail := r.Check(s.sh.Sim().View())
	require.False(t, ok)
	require.Contains(t, detail, "leader broker 1")
	require.False(t, r.Passed(1))

	s.Exec("broker kill 1", nil)
	s.Exec("settle", nil)
	ok, _ = r.Check(s.sh.Sim().View())
	require.True(t, ok)
	require.True(t, r.Passed(1))

	// Passed stays passed: the cluster may move on, the learner did the task.
	s.Exec("broker start 1", nil)
	s.Exec("settle", nil)
	s.Exec("kafka-leader-election.sh --election-type preferred --all-topic-partitions", nil)
	ok, _ = r.Check(s.sh.Sim().View())
	require.False(t, ok)
	require.True(t, r.Passed(1))
}

func TestRunQuiz(t *testing.T) {
	r, s := goodRun(t)
	require.NoError(t, r.Start())
	require.NoError(t, r.FastForward(2))
	require.Equal(t, StepQuiz, r.Step().Kind)
	require.Nil(t, r.Solution())
	_, ok := r.Hint(0)
	require.False(t, ok)

	_, _, err := r.Answer(2)
	require.ErrorContains(t, err, "choose an answer from 1 to 2")
	_, _, err = r.Answer(-1)
	require.Error(t, err)
	_, answered := r.Answered()
	require.False(t, answered)

	n := len(s.lines)
	correct, explain, err := r.Answer(1)
	require.NoError(t, err)
	require.False(t, correct)
	require.Equal(t, "Not first in the list.", explain)
	require.Equal(t, []string{"kafka-topics --describe --topic orders"}, s.lines[n:], "the first answer plays the reveal")

	correct, explain, err = r.Answer(0)
	require.NoError(t, err)
	require.True(t, correct)
	require.Equal(t, "The first in-sync replica.", explain)
	require.Len(t, s.lines, n+1, "the reveal plays once")
	first, _ := r.Answered()
	require.Equal(t, 1, first, "the first answer is the one that counts")

	moved, err := r.Next()
	require.NoError(t, err)
	require.False(t, moved, "the quiz is the last step")
	require.True(t, r.Finished())
}

func TestRunFastForwardCompletesEarlierSteps(t *testing.T) {
	r, s := goodRun(t)
	require.NoError(t, r.Start())
	require.NoError(t, r.FastForward(2))
	require.Equal(t, 2, r.Index())
	require.True(t, r.Passed(1), "the task was solved on the way")
	require.Contains(t, s.lines, "broker kill 1")
	require.Error(t, r.FastForward(1), "it cannot go back")
	require.Error(t, r.FastForward(3), "there is no step 4")
}

// Events since the step began are what event goals see: what happened before does not count.
func TestRunStepEvents(t *testing.T) {
	r, s := goodRun(t)
	require.NoError(t, r.Start())
	require.NotEmpty(t, r.StepEvents(), "the demo's own events")
	_, err := r.Next()
	require.NoError(t, err)
	require.Empty(t, r.StepEvents())
	s.Exec("broker kill 2", nil)
	require.Len(t, r.StepEvents(), 1)
	require.Equal(t, engine.EventBrokerKilled, r.StepEvents()[0].Kind)
}

// A lesson command that cannot run is a bug in the lesson: the error names file and line.
func TestRunReportsABrokenLessonCommand(t *testing.T) {
	src := strings.Replace(good, "kafka-topics.sh --describe --topic orders", "kafka-topics.sh --describe --topik orders", 1)
	l, err := Parse("content/42-tiny.md", []byte(src))
	require.NoError(t, err, "the loader checks command names, not every option")
	r := NewRun(l, &countingSession{sh: newShell(t)})
	err = r.Start()
	require.ErrorContains(t, err, "content/42-tiny.md:12: kafka-topics.sh --describe --topik orders: topik is not a recognized option")
}

func TestMarkdown(t *testing.T) {
	require.Equal(t, "<p>Kill <strong>broker 1</strong> with <code>broker kill 1</code>.</p>\n", HTML("Kill **broker 1** with `broker kill 1`."))
	require.NotContains(t, HTML("<script>alert(1)</script>"), "<script", "raw HTML never reaches the page")
	require.Equal(t, "Kill broker 1 with `broker kill 1`, see the docs (https://kafka.apache.org).",
		Text("Kill **broker 1** with `broker kill 1`, see [the docs](https://kafka.apache.org)."))
	require.Equal(t, "an important word", Text("an *important* word"))
}

// Every embedded lesson's narration and texts render to HTML for the browser.
func TestEveryNarrationRenders(t *testing.T) {
	for _, l := range allFiles(t) {
		require.NotEmpty(t, l.Intro, l.File)
		require.NotEmpty(t, HTML(l.Intro))
		for _, s := range l.Steps {
			require.True(t, strings.HasPrefix(HTML(s.Narration), "<p>"), "%s:%d", l.File, s.Line)
		}
	}
}

func TestRunProgressResumes(t *testing.T) {
	r, _ := goodRun(t)
	require.NoError(t, r.Start())
	require.NoError(t, r.FastForward(2))
	_, _, err := r.Answer(0)
	require.NoError(t, err)
	p := r.Progress()
	require.Equal(t, Progress{Lesson: "tiny", Digest: r.Lesson().Digest, Step: 2,
		Passed: []bool{true, true, true}, Answers: []int{-1, -1, 0}}, p)

	again, s := goodRun(t)
	require.NoError(t, again.Resume(p))
	require.Equal(t, p, again.Progress())
	require.True(t, again.Finished())
	require.Contains(t, s.lines, "broker kill 1", "the cluster is rebuilt by the solutions")
	require.Equal(t, "kafka-topics --describe --topic orders", s.lines[len(s.lines)-1], "the answered quiz shows its reveal")
	v := s.sh.Sim().View()
	ok, _ := again.Lesson().Steps[1].Task.Goal.Eval(State{View: v})
	require.True(t, ok)

	for _, bad := range []func(*Progress){
		func(p *Progress) { p.Lesson = "other" },
		func(p *Progress) { p.Digest = "0000000000000000" },
		func(p *Progress) { p.Step = 7 },
		func(p *Progress) { p.Passed = nil },
		func(p *Progress) { p.Answers = []int{5, -1, -1} },
	} {
		q := p
		q.Passed, q.Answers = slices.Clone(p.Passed), slices.Clone(p.Answers)
		bad(&q)
		fresh, _ := goodRun(t)
		require.Error(t, fresh.Resume(q))
	}
}

// The terminal drives a Run through ShellSession; resuming lesson 9 at its last step rebuilds
// the cluster the learner would have: broker 1 killed, restarted and leading again.
func TestRunOnShellSession(t *testing.T) {
	l, err := ByNumber(9)
	require.NoError(t, err)
	sh := newShell(t)
	r := NewRun(l, ShellSession(sh))
	require.NoError(t, r.Start())
	require.NoError(t, r.FastForward(len(l.Steps)-1))
	require.False(t, r.Finished(), "FastForward plays a quiz's reveal but does not answer for the learner")
	p, ok := sh.Sim().View().Partition("orders", 0)
	require.True(t, ok)
	require.Equal(t, int32(1), p.Leader)
	require.Equal(t, int32(2), p.LeaderEpoch)
}

// A shared session rebuilds the cluster command by command; Adopt then puts the run where the
// sharer was, running nothing, and the run then goes on exactly as the sharer's would.
func TestRunAdoptTakesOverARebuiltCluster(t *testing.T) {
	r, s := goodRun(t)
	require.NoError(t, r.Start())
	require.NoError(t, r.FastForward(1))
	p, since := r.Progress(), r.StepEventsSince()
	var replayed []string
	replayed = append(replayed, s.lines...)

	// Another machine replays the same lines, then adopts.
	other := &countingSession{sh: newShell(t)}
	for _, l := range replayed {
		require.NoError(t, other.sh.Exec(l, nil).Err, l)
	}
	l := r.Lesson()
	adopted := NewRun(l, other)
	require.NoError(t, adopted.Adopt(p, since))
	require.Empty(t, other.lines, "adopting runs nothing")
	require.Equal(t, p, adopted.Progress())
	require.Equal(t, since, adopted.StepEventsSince())
	okA, detailA := r.Check(s.sh.Sim().View())
	okB, detailB := adopted.Check(other.sh.Sim().View())
	require.Equal(t, okA, okB)
	require.Equal(t, detailA, detailB)

	q := p
	q.Step = 9
	require.Error(t, NewRun(l, other).Adopt(q, 0), "progress that does not fit is refused")
}
