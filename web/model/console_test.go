package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHistoryKeys replays key presses: "add X" runs a line, "up CURRENT" presses ↑ with CURRENT
// in the input, "down" presses ↓; each press's result is checked.
func TestHistoryKeys(t *testing.T) {
	tests := []struct {
		name  string
		steps []string // "add X", "up CURRENT" or "down", each followed by "=> WANT" for presses
	}{
		{"empty history leaves the input alone", []string{"up typing => typing", "down => "}},
		{"up walks back and stops at the oldest", []string{"add a", "add b", "add c",
			"up  => c", "up c => b", "up b => a", "up a => a"}},
		{"down past the newest returns the draft", []string{"add a", "add b",
			"up half-typed => b", "up b => a", "down => b", "down => half-typed"}},
		{"after the draft, up starts again from the newest", []string{"add a", "add b",
			"up x => b", "down => x", "up x => b"}},
		{"empty lines and repeats of the last are skipped", []string{"add a", "add ", "add   ", "add a", "add b", "add a",
			"up  => a", "up a => b", "up b => a", "up a => a"}},
		{"a repeat that is not the last is kept", []string{"add a", "add b", "add a", "up  => a", "up a => b", "up b => a"}},
		{"adding stops browsing", []string{"add a", "add b", "up d => b", "add c", "up  => c", "down => "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h History
			for _, st := range tt.steps {
				step, want, press := strings.Cut(st, " => ")
				verb, arg, _ := strings.Cut(step, " ")
				switch verb {
				case "add":
					h.Add(arg)
				case "up":
					require.True(t, press)
					assert.Equal(t, want, h.Prev(arg), st)
				case "down":
					require.True(t, press)
					assert.Equal(t, want, h.Next(), st)
				default:
					t.Fatalf("bad step %q", st)
				}
			}
		})
	}
}

func TestHistoryBrowsing(t *testing.T) {
	var h History
	assert.False(t, h.Browsing())
	h.Add("a")
	assert.False(t, h.Browsing(), "↓ before ↑ has nothing to show: the console leaves its input alone")
	h.Prev("x")
	assert.True(t, h.Browsing())
	h.Next()
	assert.False(t, h.Browsing())
}

func TestHistoryIsCapped(t *testing.T) {
	var h History
	for i := range MaxHistory + 50 {
		h.Add(fmt.Sprint("cmd ", i))
	}
	lines := h.Lines()
	require.Len(t, lines, MaxHistory)
	assert.Equal(t, "cmd 50", lines[0])
	assert.Equal(t, fmt.Sprint("cmd ", MaxHistory+49), lines[len(lines)-1])
	cur := ""
	for range MaxHistory + 10 {
		cur = h.Prev(cur)
	}
	assert.Equal(t, "cmd 50", cur, "↑ stops at the oldest kept line")
}

func TestComplete(t *testing.T) {
	tests := []struct {
		line       string
		completed  string
		candidates []string
	}{
		// Command names.
		{"bro", "broker ", []string{"broker"}},
		{"kafka-to", "kafka-topics.sh ", []string{"kafka-topics.sh"}},
		{"kafka-topics", "kafka-topics.sh ", []string{"kafka-topics.sh"}},
		{"kafka-con", "kafka-con", []string{"kafka-configs.sh", "kafka-console-consumer.sh", "kafka-console-producer.sh", "kafka-consumer-groups.sh"}},
		{"kafka-cons", "kafka-cons", []string{"kafka-console-consumer.sh", "kafka-console-producer.sh", "kafka-consumer-groups.sh"}},
		{"kafka-conso", "kafka-console-", []string{"kafka-console-consumer.sh", "kafka-console-producer.sh"}},
		{"s", "s", []string{"seed", "segments", "session", "settle", "state"}},
		{"se", "se", []string{"seed", "segments", "session", "settle"}},
		{"set", "settle ", []string{"settle"}},
		{"  ti", "  tick ", []string{"tick"}},
		{"zzz", "zzz", nil},
		// Options of a Kafka tool.
		{"kafka-topics.sh --cr", "kafka-topics.sh --create ", []string{"--create"}},
		{"kafka-topics.sh --create --topic orders --rep", "kafka-topics.sh --create --topic orders --replica", []string{"--replica-assignment", "--replication-factor"}},
		{"kafka-topics.sh --create --topic orders --repli", "kafka-topics.sh --create --topic orders --replica", []string{"--replica-assignment", "--replication-factor"}},
		{"bin/kafka-topics.sh --bootstrap-server localhost:9092 --un", "bin/kafka-topics.sh --bootstrap-server localhost:9092 --un", []string{"--unavailable-partitions", "--under-min-isr-partitions", "--under-replicated-partitions"}},
		{"kafka-topics --des", "kafka-topics --describe ", []string{"--describe"}},
		{"kafka-console-producer.sh --topic orders --prop", "kafka-console-producer.sh --topic orders --property ", []string{"--property"}},
		{"kafka-console-consumer.sh --from", "kafka-console-consumer.sh --from-beginning ", []string{"--from-beginning"}},
		{"kafka-consumer-groups.sh --boot", "kafka-consumer-groups.sh --bootstrap-server ", []string{"--bootstrap-server"}},
		{"kafka-topics.sh --topic ord", "kafka-topics.sh --topic ord", nil},         // a value, not an option
		{"kafka-topics.sh --config=min", "kafka-topics.sh --config=min", nil},       // option=value
		{"kafka-topics.sh --nothing", "kafka-topics.sh --nothing", nil},             // no such option
		{"kafka-topics.sh 'quoted --cr", "kafka-topics.sh 'quoted --cr", nil},       // inside an open quote
		{`kafka-topics.sh --topic "a --cr`, `kafka-topics.sh --topic "a --cr`, nil}, // inside an open double quote
		{`help\ kafka-t`, `help\ kafka-t`, nil},                   // one word with an escaped space
		{`kafka-topics.sh\\ --cr`, `kafka-topics.sh\\ --cr`, nil}, // an escaped backslash: a real space, but no such tool
		// Nothing typed yet: list, insert nothing.
		{"kafka-console-producer.sh ", "kafka-console-producer.sh ", cli.OptionNames("kafka-console-producer")},
		// Verbs of the simulation commands, and help's topics.
		{"broker ", "broker ", []string{"add", "heal", "isolate", "kill", "slow", "start", "stop"}},
		{"broker s", "broker s", []string{"slow", "start", "stop"}},
		{"broker st", "broker st", []string{"start", "stop"}},
		{"broker k", "broker kill ", []string{"kill"}},
		{"broker kill 2", "broker kill 2", nil},
		{"controller he", "controller heal ", []string{"heal"}},
		{"producer r", "producer rate ", []string{"rate"}},
		{"consumer re", "consumer resume ", []string{"resume"}},
		{"help kafka-get", "help kafka-get-offsets.sh ", []string{"kafka-get-offsets.sh"}},
		{"state --js", "state --js", nil}, // not a Kafka tool: no option table
		{"", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if tt.line == "" {
				// The console does not complete an empty line (Tab moves focus), but Complete
				// must still answer: every command.
				got, cands := Complete("")
				assert.Equal(t, "", got)
				assert.Len(t, cands, len(cli.CommandNames())+1, "every command, and session")
				return
			}
			got, cands := Complete(tt.line)
			assert.Equal(t, tt.completed, got)
			assert.Equal(t, tt.candidates, cands)
		})
	}
}

func TestCompletedCommandsAreRealCommands(t *testing.T) {
	for _, c := range commandWords() {
		if c == "session" {
			continue // the console's own command (web.App.SessionCommand), not the shell's
		}
		res := newShell(t).Exec("help "+c, nil)
		assert.NoError(t, res.Err, c)
	}
	// Every verb offered is one the shell knows: its error, if any, is never "unknown action".
	for cmd, verbs := range subcommands {
		for _, v := range verbs {
			res := newShell(t).Exec(cmd+" "+v+" x", nil)
			if res.Err != nil {
				assert.NotContains(t, res.Err.Error(), "unknown", "%s %s", cmd, v)
			}
		}
	}
}

// FuzzComplete checks that completion never panics and only ever adds to the word being typed.
func FuzzComplete(f *testing.F) {
	for _, s := range []string{"", "bro", "kafka-topics.sh --cr", `x 'a`, `x "a\`, "\\", "help ", "broker  s", "\t\tkafka-c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got, cands := Complete(line)
		start := len(line)
		for start > 0 && !isSpace(line[start-1]) {
			start--
		}
		require.True(t, strings.HasPrefix(got, line[:start]), "%q -> %q", line, got)
		if got != line {
			require.NotEmpty(t, cands)
			require.True(t, strings.HasPrefix(got, line), "%q -> %q: completion only appends", line, got)
		}
	})
}
