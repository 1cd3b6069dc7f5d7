package lessons

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadedCurriculum(t *testing.T) []Lesson {
	t.Helper()
	all, err := All()
	require.NoError(t, err)
	demos, err := Demos()
	require.NoError(t, err)
	return append(all, demos...)
}

// The browser build embeds compiled.json instead of parsing content/; it must say exactly what
// the loader says, or the browser would teach a different lesson than the terminal.
func TestCompiledJSONIsWhatTheLoaderProduces(t *testing.T) {
	data, err := os.ReadFile("compiled.json")
	require.NoError(t, err)
	got, err := DecodeCompiled(data)
	require.NoError(t, err)
	want := Compile(loadedCurriculum(t), HTML)
	require.Equal(t, want, got, "compiled.json is stale: run `make generate` (or `go generate ./lessons`)")
	fresh, err := want.Marshal()
	require.NoError(t, err)
	assert.Equal(t, string(fresh), string(data), "compiled.json is not what `go generate ./lessons` writes")
}

func TestEveryGoalSurvivesJSON(t *testing.T) {
	for _, l := range loadedCurriculum(t) {
		for i, s := range l.Steps {
			var goals []*Goal
			if s.Task != nil {
				goals = append(goals, s.Task.Goal)
			}
			if s.Expect != nil {
				goals = append(goals, s.Expect)
			}
			for _, g := range goals {
				b, err := g.MarshalJSON()
				require.NoError(t, err)
				var back Goal
				require.NoError(t, back.UnmarshalJSON(b), "%s step %d: %s", l.Slug, i+1, b)
				require.Equal(t, *g, back, "%s step %d: %s", l.Slug, i+1, b)
				assert.Equal(t, g.Describe(), back.Describe())
			}
		}
	}
}

func TestGoalJSONReadsWhatTheLoaderReads(t *testing.T) {
	for _, c := range []struct{ yaml, json string }{
		{`{partition: orders-1, leader_not: 2}`, `{"leaf":[["partition","orders-1"],["leader_not","2"]]}`},
		{`{event: IsrShrunk, partition: orders-0}`, `{"leaf":[["event","IsrShrunk"],["partition","orders-0"]]}`},
		{`{record_key: k1, topic: orders, count_at_least: 1}`, `{"leaf":[["record_key","k1"],["topic","orders"],["count_at_least","1"]]}`},
		{`{group: billing, committed: orders-0=4}`, `{"leaf":[["group","billing"],["committed","orders-0=4"]]}`},
		{`{not: {broker: 2, state: up}}`, `{"not":{"leaf":[["broker","2"],["state","up"]]}}`},
		{`{any: [{lost_records: 0}, {topic: t, config: retention.ms=100}]}`,
			`{"any":[{"leaf":[["lost_records","0"]]},{"leaf":[["topic","t"],["config","retention.ms=100"]]}]}`},
		{`{partition: orders-0, under_min_isr: TRUE}`, `{"leaf":[["partition","orders-0"],["under_min_isr","true"]]}`},
	} {
		want := parseGoal(t, c.yaml)
		var got Goal
		require.NoError(t, got.UnmarshalJSON([]byte(c.json)), c.json)
		assert.Equal(t, *want, got, c.yaml)
		b, err := want.MarshalJSON()
		require.NoError(t, err)
		var again Goal
		require.NoError(t, again.UnmarshalJSON(b))
		assert.Equal(t, *want, again, "%s: round trip through %s", c.yaml, b)
	}
}

func TestBadGoalJSONIsAnError(t *testing.T) {
	for _, bad := range []string{
		`null`, `{}`, `[]`, `{"leaf":[]}`, `{"all":[]}`, `{"leaf":[["partition","orders"]]}`,
		`{"leaf":[["partition","orders-1"],["leader","x"]]}`, `{"leaf":[["partition","orders-1"],["colour","red"]]}`,
		`{"leaf":[["record_key","k"],["exists","true"]]}`, `{"leaf":[["event","NoSuchKind"]]}`,
		`{"leaf":[["broker","-1"],["state","up"]]}`, `{"leaf":[["broker","1"],["state","sleepy"]]}`,
		`{"leaf":[["broker","1"],["broker","2"],["state","up"]]}`, `{"all":[{"leaf":[["lost_records","0"]]}],"any":[]}`,
		`{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"not":{"leaf":[["lost_records","0"]]}}}}}}}}}}}}}}}}}}`,
		`{"leaf":[["topic","t"]]}`, `{"leaf":[["group","g"],["committed","orders=1"]]}`,
	} {
		var g Goal
		assert.Error(t, g.UnmarshalJSON([]byte(bad)), bad)
	}
}

func TestDecodeCompiledRejectsOtherVersionsAndDamage(t *testing.T) {
	_, err := DecodeCompiled([]byte(`{"version": 99, "lessons": []}`))
	assert.ErrorContains(t, err, "make generate")
	_, err = DecodeCompiled([]byte(`{"version": 2, "lessons": [`))
	assert.Error(t, err)
	_, err = DecodeCompiled([]byte(`{"version": 2, "lessons": [{"Slug": "x", "Steps": [{"Kind": "task", "Task": {"Check": "c"}}]}]}`))
	assert.ErrorContains(t, err, "without a goal")
}

func TestMarkdownTextsCoverEverythingALearnerReads(t *testing.T) {
	l, err := ByNumber(4)
	require.NoError(t, err)
	texts := MarkdownTexts(l)
	assert.Contains(t, texts, l.Intro)
	assert.Contains(t, texts, l.Objectives[0])
	assert.Contains(t, texts, l.Steps[1].Task.Check)
	assert.Contains(t, texts, l.Steps[1].Task.Hints[0])
	assert.Contains(t, texts, l.Steps[2].Quiz.Choices[1].Explain)
	assert.NotContains(t, texts, "")
}

func TestCompileRendersEveryTextAndLeavesTheLoadersLessonsAlone(t *testing.T) {
	l, err := ByNumber(4)
	require.NoError(t, err)
	before := MarkdownTexts(l)
	c := Compile([]Lesson{l}, func(md string) string { return "<" + md + ">" })
	for i, s := range MarkdownTexts(c.Lessons[0]) {
		assert.Equal(t, "<"+before[i]+">", s)
	}
	assert.Equal(t, before, MarkdownTexts(l), "the loader's lesson is shared and must not change")
	assert.Equal(t, l.Steps[1].Task.Goal, c.Lessons[0].Steps[1].Task.Goal)
	assert.NotNil(t, l.Steps[0].Expect)
	assert.Nil(t, c.Lessons[0].Steps[0].Expect, "the browser does not check expectations")
}
