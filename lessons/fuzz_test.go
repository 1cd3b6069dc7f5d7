package lessons

import (
	"io/fs"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// FuzzParse feeds arbitrary bytes to the loader. Whatever a lesson file holds, Parse must not
// panic, and must either return errors that name the file and a line, or a lesson whose goals
// can be described and evaluated. The seed corpus (testdata/fuzz/FuzzParse, plus every embedded
// lesson) covers valid files and the usual ways to break one; fuzz longer with:
// go test ./lessons -run '^$' -fuzz FuzzParse -fuzztime 10m
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	entries, err := fs.ReadDir(content, "content")
	require.NoError(f, err)
	for _, e := range entries {
		src, err := fs.ReadFile(content, "content/"+e.Name())
		require.NoError(f, err)
		f.Add(src)
	}
	empty := State{}
	busy := State{View: busyView(f), Events: []engine.Event{{Kind: engine.EventIsrShrunk, Topic: "orders", Partition: 0, Broker: 1}}}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := Parse("content/07-fuzz.md", src)
		if err != nil {
			list, ok := err.(ErrorList)
			require.True(t, ok, "%T", err)
			require.NotEmpty(t, list)
			for _, e := range list {
				require.Equal(t, "content/07-fuzz.md", e.File)
				require.Positive(t, e.Line)
				require.NotEmpty(t, e.Reason)
			}
			return
		}
		require.NotEmpty(t, l.Steps)
		for _, s := range l.Steps {
			require.Contains(t, []StepKind{StepDemo, StepTask, StepQuiz}, s.Kind)
			for _, g := range []*Goal{s.Expect, taskGoal(s)} {
				if g == nil {
					continue
				}
				require.NotEmpty(t, g.Describe())
				g.Eval(empty)
				g.Eval(busy)
			}
			if s.Quiz != nil {
				require.GreaterOrEqual(t, s.Quiz.Correct(), 0)
			}
		}
	})
}

func taskGoal(s Step) *Goal {
	if s.Task == nil {
		return nil
	}
	return s.Task.Goal
}

// busyView is a cluster with a topic, a group and records, so that fuzzed goals reach the code
// that looks inside them.
func busyView(tb testing.TB) engine.View {
	sh := newShell(tb)
	for _, line := range []string{
		"kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
		"consumer add c1 --group billing --topic orders",
		"tick 10s",
	} {
		require.NoError(tb, sh.Exec(line, nil).Err)
	}
	require.NoError(tb, sh.Exec("kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:", []string{"k1:v1", "k2:v2"}).Err)
	return sh.Sim().View()
}
