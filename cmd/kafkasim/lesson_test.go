package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLessonListsTheCurriculum(t *testing.T) {
	out, _, code := runScript(t, "", "lesson")
	require.Equal(t, 0, code)
	rows := regexp.MustCompile(`(?m)^\s+(\d+)  .+  (\d+) objectives, \d+ steps$`).FindAllStringSubmatch(out, -1)
	require.GreaterOrEqual(t, len(rows), 15, out)
	for i, r := range rows {
		require.Equal(t, i+1, atoi(t, r[1]), "lessons are listed in order")
		require.Positive(t, atoi(t, r[2]))
	}
	require.Contains(t, out, "  4  Partitions and keys ")
	require.Contains(t, out, "demo-failover")
}

// A learner goes through lesson 4 from start to end, typing what the lesson asks for.
func TestLessonRunsFromScriptedInput(t *testing.T) {
	script := strings.Join([]string{
		"next",
		"check",
		"kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders --property parse.key=true --property key.separator=:",
		"alice:order 1",
		"",
		"next",
		"1",
		"next",
		"2",
		"next",
		"next",
		"next",
		"hint",
		"solution",
		"kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:",
		"order-7:created",
		"order-7:shipped",
		"",
		"next",
		"quit",
	}, "\n") + "\n"
	out, errOut, code := runScript(t, script, "lesson", "4")
	require.Equal(t, 0, code, errOut)
	require.Empty(t, errOut)
	for _, want := range []string{
		"Lesson 4: Partitions and keys",
		"── Step 1 of 7 · watch ──",
		"> kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders", // the demo plays
		"── Step 2 of 7 · your turn ──",
		"Goal: Topic orders has a record with key alice, in partition orders-0",
		"✘ Not yet: topic orders: no record with that key",
		">alice:order 1", // the producer's records are read from the following lines
		"✔ Goal reached: Topic orders has a record with key alice",
		"── Step 3 of 7 · predict ──",
		"✔ Right. The partition is a pure function of the key",
		"Partition:0\tOffset:3\talice\torder 4", // the reveal shows the truth
		"Hint 1 of 2: Ordering holds within a partition",
		"One way to do it (type these yourself):\n  kafka-console-producer.sh",
		"✔ Goal reached: Topic orders has at least two records with key order-7",
		"Lesson complete.",
	} {
		require.Contains(t, out, want)
	}
	require.Less(t, strings.Index(out, "── Step 1 of 7"), strings.Index(out, "> kafka-topics.sh --bootstrap-server localhost:9092 --describe"),
		"the narration comes before the demo's output")
	require.Equal(t, 1, strings.Count(out, "✔ Goal reached: Topic orders has a record with key alice"), "a goal is announced once")
}

func TestLessonVerbs(t *testing.T) {
	script := strings.Join([]string{
		"hint",
		"check",
		"reset --brokers 5",
		"next",
		"next",
		"7",
		"2",
		"back",
		"next",
		"next",
		"next",
		"help",
		"restart",
		"quit",
		"state", // never read: quit left
	}, "\n") + "\n"
	out, _, code := runScript(t, script, "lesson", "--quiet", "1")
	require.Equal(t, 0, code)
	for _, want := range []string{
		"No hints here: hints belong to tasks.",
		"Nothing to check here: this step is a demo.",
		"This lesson runs on its own cluster; type restart to start the lesson over.",
		"Please choose an answer from 1 to 3.",
		"✔ Right. Yes. The correction is itself something that happened.",
		"(This demo has already played. Type next to go on.)",
		"You answered 2. Type next to go on.",
		"(Moving on without an answer.)",
		"Lesson commands:",
		"Setting up a fresh cluster (reset --brokers 3 --controllers 3 --seed 1):",
	} {
		require.Contains(t, out, want)
	}
	require.Equal(t, 2, strings.Count(out, "Setting up a fresh cluster"), "restart sets the lesson up again")
	require.NotContains(t, out, "lesson> state")
	require.NotContains(t, out, "[0.0s]", "--quiet hides events")
}

// The classroom demo runs in the terminal too, by name; stepping through it shows the refusal.
func TestLessonDemoByName(t *testing.T) {
	script := strings.Repeat("next\n", 10)
	out, _, code := runScript(t, script, "lesson", "demo-failover")
	require.Equal(t, 0, code)
	require.Contains(t, out, "Classroom demo: a leader dies")
	require.Contains(t, out, "NotEnoughReplicasException")
	require.Contains(t, out, "ISR expanded from [2,1] to [2,1,3]")
	require.Contains(t, out, "Lesson complete.")
}

func TestLessonBadArguments(t *testing.T) {
	_, errOut, code := runScript(t, "", "lesson", "99")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "there is no lesson 99")

	_, errOut, code = runScript(t, "", "lesson", "no-such-lesson")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `there is no lesson or demo named "no-such-lesson"`)

	_, errOut, code = runScript(t, "", "lesson", "1", "2")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "one lesson at a time")
}

// End of input leaves the lesson quietly, as Ctrl-D does.
func TestLessonEndsAtEndOfInput(t *testing.T) {
	out, _, code := runScript(t, "next\n", "lesson", "3")
	require.Equal(t, 0, code)
	require.Contains(t, out, "── Step 2 of 7")
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, c := range s {
		require.True(t, c >= '0' && c <= '9', s)
		n = n*10 + int(c-'0')
	}
	return n
}
