package lessons

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// good is a small valid lesson that the error cases below break one way at a time.
const good = `---
title: A tiny lesson
objectives:
  - Kill a leader
cluster: {brokers: 3, controllers: 5, seed: 1}
setup:
  - kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 3
steps:
  - narration: Look at the topic.
    highlight: [partition orders-0, broker 1, record orders-0@0, group billing]
    demo:
      - kafka-topics.sh --describe --topic orders
      - |
        kafka-console-producer.sh --topic orders
        one
        two
    expect: {partition: orders-0, hw: 2}
  - narration: Kill the leader.
    task:
      goal:
        all:
          - {partition: orders-0, leader_not: 1}
          - not: {lost_records: 1}
      check: Partition orders-0 has a leader other than broker 1.
      hints: [broker kill 1]
      solution: [broker kill 1, settle]
  - narration: Guess.
    quiz:
      question: Who leads now?
      choices:
        - {text: Broker 2, correct: true, explain: The first in-sync replica.}
        - {text: Broker 3, explain: Not first in the list.}
      reveal: [kafka-topics --describe --topic orders]
---
Intro text.
`

func TestParseGood(t *testing.T) {
	l, err := Parse("content/42-tiny.md", []byte(good))
	require.NoError(t, err)
	require.Equal(t, KindLesson, l.Kind)
	require.Equal(t, 42, l.Number)
	require.Equal(t, "tiny", l.Slug)
	require.Equal(t, "A tiny lesson", l.Title)
	require.Equal(t, Cluster{Brokers: 3, Controllers: 5, Seed: 1}, l.Cluster)
	require.Equal(t, "Intro text.", l.Intro)
	require.Len(t, l.Steps, 3)
	require.Equal(t, StepDemo, l.Steps[0].Kind)
	require.Equal(t, []string{"one", "two"}, l.Steps[0].Demo[1].Input)
	require.Equal(t, 13, l.Steps[0].Demo[1].SourceLine, "the line of the block scalar's item")
	require.Equal(t, []Mention{
		{Kind: "partition", Topic: "orders", Partition: 0},
		{Kind: "broker", Broker: 1},
		{Kind: "record", Topic: "orders", Partition: 0, Offset: 0},
		{Kind: "group", Name: "billing"},
	}, l.Steps[0].Highlight)
	require.Equal(t, 9, l.Steps[0].Line)
	task := l.Steps[1].Task
	require.Equal(t, "partition orders-0 has a leader other than broker 1 and not (1 acknowledged record(s) have been lost)",
		task.Goal.Describe())
	require.Equal(t, []string{"broker kill 1", "settle"}, []string{task.Solution[0].Line, task.Solution[1].Line})
	require.Equal(t, 0, l.Steps[2].Quiz.Correct())
	require.Len(t, l.Digest, 16)
}

// Each case breaks the good lesson with one edit and names the line and reason the loader
// must report.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name     string
		file     string // default content/42-tiny.md
		old, new string // replace old with new in good (all of good when old is "")
		want     string // file:line: reason, or a part of it
	}{
		{name: "bad file name", file: "content/tiny.md", want: "content/tiny.md:1: file name \"tiny.md\": name a lesson NN-slug.md"},
		{name: "no front matter", old: good, new: "# just markdown\n", want: ":1: a lesson file starts with a line ---"},
		{name: "unclosed front matter", old: "---\nIntro text.\n", new: "Intro text.\n", want: ":1: the front matter is not closed"},
		{name: "yaml syntax", old: "title: A tiny lesson", new: "title: [unclosed", want: "42-tiny.md:2: YAML: did not find expected ',' or ']'"},
		{name: "unknown top-level field", old: "cluster:", new: "clusters:", want: "42-tiny.md:5: front matter: unknown field \"clusters\""},
		{name: "missing title", old: "title: A tiny lesson\n", new: "", want: "42-tiny.md:2: front matter: title is missing"},
		{name: "empty objectives", old: "objectives:\n  - Kill a leader\n", new: "objectives: []\n", want: "42-tiny.md:3: objectives: needs at least 1 item(s)"},
		{name: "too many brokers", old: "brokers: 3", new: "brokers: 13", want: "42-tiny.md:5: cluster brokers: 13 is out of range (1 to 12)"},
		{name: "even controllers", old: "brokers: 3,", new: "brokers: 3, controllers: 2,", want: "42-tiny.md:5: cluster controllers: a KRaft quorum has 1, 3 or 5 controllers"},
		{name: "unknown command", old: "kafka-topics.sh --create", new: "kafka-topic.sh --create", want: "42-tiny.md:7: setup[1]: unknown command \"kafka-topic.sh\""},
		{name: "unterminated quote", old: "--describe --topic orders\n      - |", new: "--describe --topic 'orders\n      - |", want: "42-tiny.md:12: step 1 demo[1]: \"kafka-topics.sh --describe --topic 'orders\": unterminated single quote"},
		{name: "two commands in one item", old: "        one\n        two\n", new: "        one\n\n        broker kill 1\n", want: "42-tiny.md:13: step 1 demo[2]: one command per item, found 2"},
		{name: "reset inside a lesson", old: "solution: [broker kill 1, settle]", new: "solution: [reset --brokers 5]", want: "42-tiny.md:26: step 2 task solution[1]: reset starts a new cluster"},
		{name: "two step kinds", old: "  - narration: Kill the leader.\n", new: "  - narration: Kill the leader.\n    demo: [state]\n", want: "42-tiny.md:18: step 2: a step has exactly one of demo, task or quiz (found demo and task)"},
		{name: "no step kind", old: "    quiz:\n      question: Who leads now?\n      choices:\n        - {text: Broker 2, correct: true, explain: The first in-sync replica.}\n        - {text: Broker 3, explain: Not first in the list.}\n      reveal: [kafka-topics --describe --topic orders]\n", new: "", want: "42-tiny.md:27: step 3: a step has exactly one of demo, task or quiz (found none)"},
		{name: "missing narration", old: "  - narration: Guess.\n", new: "  - highlight: []\n", want: "42-tiny.md:27: step 3: narration is missing"},
		{name: "bad highlight", old: "broker 1, record", new: "broker one, record", want: "42-tiny.md:10: step 1: highlight \"broker one\": broker id \"one\" is not a number"},
		{name: "unknown highlight kind", old: "group billing]", new: "queue billing]", want: "42-tiny.md:10: step 1: highlight \"queue billing\": unknown kind \"queue\""},
		{name: "unknown goal op", old: "leader_not: 1}", new: "leader_nto: 1}", want: "42-tiny.md:22: step 2 task goal all[1]: unknown condition \"leader_nto\" for partition (known: "},
		{name: "unknown goal subject", old: "{lost_records: 1}", new: "{queue: orders}", want: "42-tiny.md:23: step 2 task goal all[2] not: unknown goal \"queue\""},
		{name: "two subjects", old: "{partition: orders-0, leader_not: 1}", new: "{partition: orders-0, group: g, leader_not: 1}", want: "42-tiny.md:22: step 2 task goal all[1]: partition and group in one mapping"},
		{name: "goal value of the wrong type", old: "leader_not: 1}", new: "leader_not: two}", want: "42-tiny.md:22: step 2 task goal all[1] leader_not: \"two\" is not a whole number"},
		{name: "bad partition name", old: "{partition: orders-0, leader_not: 1}", new: "{partition: orders, leader_not: 1}", want: "42-tiny.md:22: step 2 task goal all[1] partition: \"orders\" is not a partition"},
		{name: "goal without condition", old: "{partition: orders-0, leader_not: 1}", new: "{partition: orders-0}", want: "42-tiny.md:22: step 2 task goal all[1]: no condition: say what must hold of partition"},
		{name: "record goal without topic", old: "{partition: orders-0, leader_not: 1}", new: "{record_key: k1, in_partition: 1}", want: "42-tiny.md:22: step 2 task goal all[1]: record_key needs topic too"},
		{name: "unknown event kind", old: "{lost_records: 1}", new: "{event: LeaderChanged}", want: "42-tiny.md:23: step 2 task goal all[2] not event: \"LeaderChanged\" is not one of BrokerStarted"},
		{name: "bad group state", old: "{lost_records: 1}", new: "{group: g, state: Rebalancing}", want: "42-tiny.md:23: step 2 task goal all[2] not state: \"Rebalancing\" is not one of Empty, PreparingRebalance"},
		{name: "combinator with siblings", old: "        all:\n", new: "        any: []\n        all:\n", want: "42-tiny.md:22: step 2 task goal: all must be the only key"},
		{name: "empty goal", old: "      goal:\n        all:\n          - {partition: orders-0, leader_not: 1}\n          - not: {lost_records: 1}\n", new: "      goal: {}\n", want: "42-tiny.md:20: step 2 task goal: empty goal"},
		{name: "missing check", old: "      check: Partition orders-0 has a leader other than broker 1.\n", new: "", want: "42-tiny.md:20: step 2 task: check is missing"},
		{name: "no hints", old: "hints: [broker kill 1]", new: "hints: []", want: "42-tiny.md:25: step 2 task hints: needs at least 1 item(s)"},
		{name: "expect on a task", old: "      solution: [broker kill 1, settle]\n", new: "      solution: [broker kill 1, settle]\n    expect: {lost_records: 0}\n", want: "42-tiny.md:27: step 2: expect belongs to demos and quizzes"},
		{name: "two correct answers", old: "{text: Broker 3, explain", new: "{text: Broker 3, correct: true, explain", want: "42-tiny.md:31: step 3 quiz: exactly one choice must be correct: true (found 2)"},
		{name: "no correct answer", old: "{text: Broker 2, correct: true,", new: "{text: Broker 2,", want: "42-tiny.md:31: step 3 quiz: exactly one choice must be correct: true (found 0)"},
		{name: "one choice", old: "        - {text: Broker 3, explain: Not first in the list.}\n", new: "", want: "42-tiny.md:31: step 3 quiz choices: needs at least 2 item(s)"},
		{name: "choice without explanation", old: "{text: Broker 3, explain: Not first in the list.}", new: "{text: Broker 3}", want: "42-tiny.md:32: step 3 quiz choice 2: explain is missing"},
		{name: "correct is not a bool", old: "correct: true,", new: "correct: yes please,", want: "42-tiny.md:31: step 3 quiz choice 1 correct: expected true or false, found \"yes please\""},
		{name: "alias", old: "  - Kill a leader\n", new: "  - &a Kill a leader\n  - *a\n", want: "42-tiny.md:5: objectives[2]: YAML aliases (*name) are not allowed"},
		{name: "narration is a list", old: "narration: Guess.", new: "narration: [Guess]", want: "42-tiny.md:27: step 3 narration: expected a text, found a list"},
		{name: "duplicate key", old: "title: A tiny lesson\n", new: "title: A tiny lesson\ntitle: Another\n", want: "42-tiny.md:3: front matter: duplicate key \"title\" (first at line 2)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := good
			if c.old != "" {
				require.Contains(t, good, c.old, "the case's edit must apply")
				src = strings.Replace(good, c.old, c.new, 1)
			}
			file := c.file
			if file == "" {
				file = "content/42-tiny.md"
			}
			_, err := Parse(file, []byte(src))
			require.Error(t, err)
			var list ErrorList
			require.True(t, errors.As(err, &list), "Parse returns an ErrorList: %T", err)
			require.Contains(t, err.Error(), c.want)
			for _, e := range list {
				require.Equal(t, file, e.File)
				require.Positive(t, e.Line)
			}
		})
	}
}

// All problems in a file are reported at once, in line order.
func TestParseReportsEveryError(t *testing.T) {
	src := strings.Replace(good, "title: A tiny lesson", "title: ''", 1)
	src = strings.Replace(src, "leader_not: 1}", "leader_nto: 1}", 1)
	src = strings.Replace(src, "hints: [broker kill 1]", "hints: []", 1)
	_, err := Parse("content/42-tiny.md", []byte(src))
	var list ErrorList
	require.True(t, errors.As(err, &list))
	require.Len(t, list, 3, err.Error())
	require.Equal(t, []int{2, 22, 25}, []int{list[0].Line, list[1].Line, list[2].Line})
}

func TestParseDemoName(t *testing.T) {
	src := strings.Replace(good, "objectives:\n  - Kill a leader\n", "", 1)
	l, err := Parse("demo-failover.md", []byte(src))
	require.NoError(t, err, "demos need no objectives")
	require.Equal(t, KindDemo, l.Kind)
	require.Equal(t, "demo-failover", l.Slug)
	require.Zero(t, l.Number)
}

func TestParseRejectsHugeFiles(t *testing.T) {
	_, err := Parse("content/42-tiny.md", []byte(good+strings.Repeat("x", maxFileBytes)))
	require.ErrorContains(t, err, "may be at most")
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"c/01-one.md":        {Data: []byte(good)},
		"c/01-two.md":        {Data: []byte(good)},
		"c/02-one.md":        {Data: []byte(good)},
		"c/demo-show.md":     {Data: []byte(good)},
		"c/notes.txt":        {Data: []byte("not a lesson")},
		"c/03-broken.md":     {Data: []byte(strings.Replace(good, "hints: [broker kill 1]", "hints: []", 1))},
		"c/sub/04-nested.md": {Data: []byte(good)},
	}
	_, err := LoadFS(fsys, "c")
	require.Error(t, err)
	require.Contains(t, err.Error(), "c/03-broken.md:25: step 2 task hints: needs at least 1 item(s)")
	require.Contains(t, err.Error(), "c/01-two.md:1: lesson number 01 is taken by c/01-one.md too")
	require.Contains(t, err.Error(), `c/02-one.md:1: slug "one" is taken by c/01-one.md too`)

	delete(fsys, "c/01-two.md")
	delete(fsys, "c/02-one.md")
	delete(fsys, "c/03-broken.md")
	all, err := LoadFS(fsys, "c")
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, []string{"one", "demo-show"}, []string{all[0].Slug, all[1].Slug}, "lessons first, then demos")
}

// The embedded curriculum: at least the fifteen lessons of the issue, numbered without gaps.
func TestCurriculum(t *testing.T) {
	all, err := All()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(all), 15)
	for i, l := range all {
		require.Equal(t, i+1, l.Number, l.File)
		require.NotEmpty(t, l.Objectives, l.File)
	}
	demos, err := Demos()
	require.NoError(t, err)
	require.NotEmpty(t, demos)
	_, err = ByNumber(99)
	require.ErrorContains(t, err, "there is no lesson 99")
	l, err := BySlug("failover")
	require.NoError(t, err)
	require.Equal(t, 9, l.Number)
}
