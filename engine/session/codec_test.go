package session

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A session saved and read back replays into exactly the state it was saved in.
func TestFileRoundTripReplaysTheSameState(t *testing.T) {
	r := story(t)
	data, err := EncodeFile(r.f)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(data), "{\n  \"format\": \"kafka-playground-session\",\n  \"version\": 1,"), string(data[:80]))
	require.Contains(t, string(data), `<b>&amp;</b>`, "no HTML escaping: the file is for people too")

	f, err := DecodeFile(data)
	require.NoError(t, err)
	require.Equal(t, r.f, f)
	sh, err := Replay(f.Setup, f.Commands)
	require.NoError(t, err)
	require.Equal(t, stateJSON(t, r.sh), stateJSON(t, sh))
}

func TestEncodeFileFillsFormatAndVersion(t *testing.T) {
	data, err := EncodeFile(File{Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}})
	require.NoError(t, err)
	f, err := DecodeFile(data)
	require.NoError(t, err)
	require.Equal(t, Format, f.Format)
	require.Equal(t, Version, f.Version)
}

// EncodeFile refuses what DecodeFile would refuse, so that every export can be imported.
func TestEncodeFileRefusesWhatCannotBeRead(t *testing.T) {
	_, err := EncodeFile(File{Setup: Setup{Seed: 1, Brokers: 0, Controllers: 3}})
	require.EqualError(t, err, "setup: brokers must be 1 to 12, not 0")
	big := File{Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}}
	for range 300 {
		big.Commands = append(big.Commands, Command{Line: strings.Repeat("x", MaxLineBytes), Failed: true})
	}
	_, err = EncodeFile(big)
	require.ErrorIs(t, err, errFileTooBig)
}

// fileJSON is a valid session file with one field replaced (nil deletes it).
func fileJSON(t *testing.T, field string, value any) []byte {
	t.Helper()
	m := map[string]any{
		"format": Format, "version": Version,
		"setup":    map[string]any{"seed": 1, "brokers": 3, "controllers": 3},
		"commands": []any{map[string]any{"line": "kafka-topics.sh --create --topic t", "tick": 0}, map[string]any{"line": "tick 10", "source": "clock", "tick": 0}},
	}
	if value == nil {
		delete(m, field)
	} else {
		m[field] = value
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

func TestDecodeFileErrors(t *testing.T) {
	cmd := func(line string, tick int64) map[string]any { return map[string]any{"line": line, "tick": tick} }
	many := make([]any, MaxCommands+1)
	for i := range many {
		many[i] = cmd("state", 0)
	}
	manyInputs := make([]string, MaxInputLines+1)
	for i := range manyInputs {
		manyInputs[i] = "r"
	}
	pos := func(p int64) []byte {
		b := fileJSON(t, "position", p)
		return b
	}
	lesson := func(l map[string]any) []byte { return fileJSON(t, "lesson", l) }
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "this is not a Kafka playground session file (it is not JSON)"},
		{"text", []byte("kafka-topics.sh --list\n"), "this is not a Kafka playground session file (it is not JSON)"},
		{"cut short", fileJSON(t, "format", Format)[:40], "this is not a Kafka playground session file (it is not JSON)"},
		{"array", []byte(`[1, 2]`), "this is not a Kafka playground session file (it is not a JSON object)"},
		{"other JSON", []byte(`{"name": "package.json"}`), `this is not a Kafka playground session file (it has no "format": "kafka-playground-session")`},
		{"wrong format", fileJSON(t, "format", "kafka-playground-lesson"), `this is not a Kafka playground session file (its format is "kafka-playground-lesson", not "kafka-playground-session")`},
		{"newer version", fileJSON(t, "version", 2), "this session file was made by a newer version of the playground (session format version 2; this playground reads version 1): open it there, or update this one"},
		{"older version", fileJSON(t, "version", 0), "unknown session format version 0 (this playground reads version 1)"},
		{"no version", fileJSON(t, "version", nil), `the session file has no "version"; it was not made by the playground`},
		{"version text", fileJSON(t, "version", "1"), `the session file's version "1" is not a number`},
		{"wrong type", fileJSON(t, "commands", "state"), "the session file is damaged: json: cannot unmarshal string into Go struct field File.commands of type []session.Command"},
		{"setup", fileJSON(t, "setup", map[string]any{"seed": 1, "brokers": 13, "controllers": 3}), "setup: brokers must be 1 to 12, not 13"},
		{"controllers", fileJSON(t, "setup", map[string]any{"seed": 1, "brokers": 3, "controllers": 2}), "setup: controllers must be 1, 3 or 5, not 2"},
		{"too many commands", fileJSON(t, "commands", many), fmt.Sprintf("the session has %d commands; a session has at most %d", MaxCommands+1, MaxCommands)},
		{"long line", fileJSON(t, "commands", []any{cmd(strings.Repeat("x", MaxLineBytes+1), 0)}), "command 1: the line is 4097 bytes; a line is at most 4096"},
		{"line break", fileJSON(t, "commands", []any{cmd("state\nstate", 0)}), "command 1: the line has a line break in it"},
		{"too much input", fileJSON(t, "commands", []any{map[string]any{"line": "kafka-console-producer.sh --topic t", "input": manyInputs, "tick": 0}}),
			"command 1: 10001 input lines; a command reads at most 10000"},
		{"long input", fileJSON(t, "commands", []any{map[string]any{"line": "kafka-console-producer.sh --topic t", "input": []string{"a", strings.Repeat("v", MaxLineBytes+1)}, "tick": 0}}),
			"command 1: input line 2 is 4097 bytes; a line is at most 4096"},
		{"negative tick", fileJSON(t, "commands", []any{cmd("state", 0), cmd("state", -3)}), "command 2: tick -3 is negative: a command cannot run before the start"},
		{"unknown source", fileJSON(t, "commands", []any{map[string]any{"line": "state", "source": "robot", "tick": 0}}), `command 1: unknown source "robot" (known: console, ui, clock, lesson, script)`},
		{"bad clock", fileJSON(t, "commands", []any{map[string]any{"line": "settle", "source": "clock", "tick": 0}}), "command 1: the clock's entry \"settle\" is not `tick N`"},
		{"position after the end", pos(12), "position 12 is outside the session, whose steps are 0 to 11"},
		{"negative position", pos(-1), "position -1 is outside the session, whose steps are 0 to 11"},
		{"lesson lengths", lesson(map[string]any{"slug": "failover", "step": 1, "passed": []bool{true, false}, "answers": []int{-1}}),
			"lesson: 2 steps passed but 1 answers: there must be one of each per step"},
		{"lesson step", lesson(map[string]any{"slug": "failover", "step": -1, "passed": []bool{}, "answers": []int{}}), "lesson: step -1 is negative"},
		{"lesson step past the end", lesson(map[string]any{"slug": "failover", "step": 2, "passed": []bool{true, false}, "answers": []int{-1, -1}}), "lesson: step 2 is past the lesson's 2 step(s)"},
		{"lesson slug", lesson(map[string]any{"step": 0}), "lesson: no lesson slug"},
		{"too big", append(fileJSON(t, "format", Format), make([]byte, MaxFileBytes)...), fmt.Sprintf("the session file is %d bytes; a session file is at most 1048576 (1 MiB)", len(fileJSON(t, "format", Format))+MaxFileBytes)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := DecodeFile(tc.data)
			require.EqualError(t, err, tc.want)
			require.Zero(t, f)
		})
	}
}

// A position at the end and a consistent lesson are accepted as they are.
func TestDecodeFileAcceptsPositionAndLesson(t *testing.T) {
	f, err := DecodeFile(fileJSON(t, "position", 11))
	require.NoError(t, err)
	require.Equal(t, int64(11), *f.Position)
	f, err = DecodeFile(fileJSON(t, "lesson", map[string]any{"slug": "failover", "digest": "abc", "step": 2, "passed": []bool{true, true, false}, "answers": []int{-1, 0, -1}, "eventsSeen": 4}))
	require.NoError(t, err)
	require.Equal(t, &LessonMark{Slug: "failover", Digest: "abc", Step: 2, Passed: []bool{true, true, false}, Answers: []int{-1, 0, -1}, EventsSeen: 4}, f.Lesson)
}

// DecodeFile does not run the commands: one that fails is Replay's to report.
func TestReplayReportsACommandThatFails(t *testing.T) {
	f, err := DecodeFile(fileJSON(t, "commands", []any{map[string]any{"line": "broker kill 9", "tick": 0}}))
	require.NoError(t, err)
	_, err = Replay(f.Setup, f.Commands)
	require.ErrorContains(t, err, "command 1 (broker kill 9): ")
}

// The example in docs/session-format.md is a real session: it reads, and it replays.
func TestDocsExampleIsASession(t *testing.T) {
	doc, err := os.ReadFile("../../docs/session-format.md")
	require.NoError(t, err)
	_, example, ok := strings.Cut(string(doc), "```json\n")
	require.True(t, ok)
	example, _, _ = strings.Cut(example, "```")
	f, err := DecodeFile([]byte(example))
	require.NoError(t, err)
	sh, err := Replay(f.Setup, nil)
	require.NoError(t, err)
	for i, c := range f.Commands {
		require.Equal(t, sh.Sim().Now(), c.Tick, "command %d ran at another time", i+1)
		require.NoError(t, Apply(sh, c))
	}
}
