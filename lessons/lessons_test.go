package lessons

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

var transcripts = flag.String("transcripts", "", "write each lesson's transcript (commands, output, events) to this directory")

// waitMs is how long a learner might leave a task alone. A goal that time alone makes true
// (a retention check, a session timeout, a consumer catching up) would pass without the learner
// doing anything, so each task's goal must still be false after this much simulated time.
const waitMs = 600_000

// watchedSession runs lesson commands on a shell with the engine's invariant checker watching
// every tick and every command, and keeps a transcript.
type watchedSession struct {
	t       *testing.T
	sh      *cli.Shell
	watched *engine.Sim
	log     strings.Builder
}

func newWatchedSession(t *testing.T) *watchedSession {
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	w := &watchedSession{t: t, sh: sh}
	w.watch()
	return w
}

// watch installs a fresh checker on the current simulation: reset replaces it, and the
// checker's cross-step history (one leader per epoch, the HW never going back) belongs to one
// simulation.
func (w *watchedSession) watch() {
	sim := w.sh.Sim()
	w.watched = sim
	chk := engine.NewInvariantChecker()
	chk.Check(sim)
	sim.SetObserver(func(s *engine.Sim) {
		for _, v := range chk.Check(s) {
			w.t.Errorf("seed %d: %s", s.Seed(), v)
		}
	})
}

func (w *watchedSession) Exec(line string, input []string) cli.Result {
	fmt.Fprintf(&w.log, "> %s\n", line)
	for _, in := range input {
		fmt.Fprintf(&w.log, ">> %s\n", in)
	}
	res := w.sh.Exec(line, input)
	if w.sh.Sim() != w.watched {
		w.watch()
	}
	w.log.WriteString(res.Output)
	w.log.WriteString(cli.FormatEvents(res.Events))
	if res.Err != nil {
		fmt.Fprintf(&w.log, "ERROR %v\n", res.Err)
	}
	return res
}

func (w *watchedSession) Sim() *engine.Sim { return w.sh.Sim() }

func (w *watchedSession) note(format string, args ...any) {
	fmt.Fprintf(&w.log, "# "+format+"\n", args...)
}

func allFiles(t *testing.T) []Lesson {
	t.Helper()
	all, err := All()
	require.NoError(t, err)
	demos, err := Demos()
	require.NoError(t, err)
	return append(all, demos...)
}

// TestEveryLessonPlays plays every lesson and demo as a learner would: setup, then each step in
// order. A demo plays and its expect must hold. A quiz is answered correctly and its reveal's
// expect must hold. A task's goal must be false on arrival (after the cluster settles, and
// still after a long wait), and true after its solution and a settle. The invariant checker
// watches throughout.
func TestEveryLessonPlays(t *testing.T) {
	for _, l := range allFiles(t) {
		t.Run(l.Slug, func(t *testing.T) {
			w := newWatchedSession(t)
			defer func() {
				if *transcripts != "" {
					require.NoError(t, os.MkdirAll(*transcripts, 0o755))
					require.NoError(t, os.WriteFile(filepath.Join(*transcripts, l.Slug+".txt"), []byte(w.log.String()), 0o644))
				}
			}()
			playLesson(t, w, l)
		})
	}
}

func playLesson(t *testing.T, w *watchedSession, l Lesson) {
	r := NewRun(l, w)
	where := func(i int) string {
		s := l.Steps[i]
		return fmt.Sprintf("%s:%d (step %d, %s)", l.File, s.Line, i+1, s.Kind)
	}
	w.note("%s: setup, then %s", l.File, where(0))
	require.NoError(t, r.Start())
	for i := range l.Steps {
		s, at := r.Step(), where(i)
		// A step may highlight what its narration talks about before the step acts on it (a
		// consumer about to be stopped) or after (a record the demo writes).
		missing := missingMentions(w.sh.Sim().View(), s)
		switch s.Kind {
		case StepDemo:
			require.True(t, r.Played(), "%s: the demo did not play on arrival", at)
			expectHolds(t, r, w, s, at)
		case StepQuiz:
			ok, explain, err := r.Answer(s.Quiz.Correct())
			require.NoError(t, err, at)
			require.True(t, ok, at)
			require.NotEmpty(t, explain, at)
			expectHolds(t, r, w, s, at)
		case StepTask:
			w.note("the learner does nothing: settle, then a long wait on a copy")
			w.Exec("settle", nil)
			ok, detail := r.Check(w.sh.Sim().View())
			require.False(t, ok, "%s: the goal already holds before the learner did anything: %s", at, detail)
			waited := cli.FromSim(w.sh.Sim().Clone())
			res := waited.Exec(fmt.Sprintf("tick %dms", waitMs), nil)
			require.NoError(t, res.Err)
			since := r.since[r.Index()]
			ok, detail = s.Task.Goal.Eval(State{View: waited.Sim().View(), Events: waited.Sim().Events()[since:]})
			require.False(t, ok, "%s: the goal holds after waiting %d ms without doing anything: %s", at, waitMs, detail)
			// In the browser the clock runs while the learner reads: the task must still be
			// doable after the wait.
			for _, c := range append(slices.Clone(s.Task.Solution), Command{Line: "settle"}) {
				res := waited.Exec(c.Line, c.Input)
				require.NoError(t, res.Err, "%s: after waiting %d ms: %s", at, waitMs, c.Line)
			}
			ok, detail = s.Task.Goal.Eval(State{View: waited.Sim().View(), Events: waited.Sim().Events()[since:]})
			require.True(t, ok, "%s: after waiting %d ms the solution no longer reaches the goal: %s", at, waitMs, detail)
			w.note("the solution")
			require.NoError(t, r.Complete(), at)
			ok, detail = r.Check(w.sh.Sim().View())
			require.True(t, ok, "%s: the solution does not reach the goal (%s): %s", at, s.Task.Goal.Describe(), detail)
		}
		for _, m := range missingMentions(w.sh.Sim().View(), Step{Highlight: missing}) {
			t.Errorf("%s: highlight %s names nothing in the cluster, before or after the step", at, m)
		}
		require.True(t, r.Passed(i), at)
		if i+1 < len(l.Steps) {
			w.note("%s", where(i+1))
		}
		moved, err := r.Next()
		require.NoError(t, err, at)
		require.Equal(t, i+1 < len(l.Steps), moved, at)
	}
	require.True(t, r.Finished())
}

func expectHolds(t *testing.T, r *Run, w *watchedSession, s Step, at string) {
	t.Helper()
	if l := r.Lesson(); l.Kind == KindDemo {
		require.NotNil(t, s.Expect, "%s: every beat of a classroom demo says what it shows with expect", at)
	}
	if s.Expect == nil {
		return
	}
	ok, detail := s.Expect.Eval(State{View: w.sh.Sim().View(), Events: r.StepEvents()})
	require.True(t, ok, "%s: expect does not hold (%s): %s", at, s.Expect.Describe(), detail)
}

// missingMentions returns the elements a step highlights that are not in the cluster, so that
// the browser never highlights nothing.
func missingMentions(v engine.View, s Step) []Mention {
	var missing []Mention
	for _, m := range s.Highlight {
		found := false
		switch m.Kind {
		case "broker":
			_, found = v.Broker(m.Broker)
		case "controller":
			for _, c := range v.Controllers {
				found = found || c.ID == m.Broker
			}
		case "topic":
			_, found = v.Topic(m.Topic)
		case "partition":
			_, found = v.Partition(m.Topic, m.Partition)
		case "record":
			if p, ok := v.Partition(m.Topic, m.Partition); ok {
				for _, r := range p.ReplicaStates {
					for _, rec := range r.Records {
						found = found || rec.Offset == m.Offset
					}
				}
			}
		case "group":
			_, found = v.Group(m.Name)
		case "consumer":
			_, found = findConsumer(v, m.Name)
		case "producer":
			for _, p := range v.Producers {
				found = found || p.Name == m.Name
			}
		}
		if !found {
			missing = append(missing, m)
		}
	}
	return missing
}

func newShell(tb testing.TB) *cli.Shell {
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(tb, err)
	return sh
}
