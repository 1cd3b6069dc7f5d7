package session

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// An exported script, run by the engine's script runner from whatever cluster, ends in exactly
// the state the session did.
func TestExportScriptReplaysTheSameState(t *testing.T) {
	r := story(t)
	script := ExportScript(r.f)
	other := engine.DefaultConfig()
	other.Seed, other.Brokers = 99, 5
	sh, err := cli.New(other)
	require.NoError(t, err)
	require.NoError(t, sh.Run(script, io.Discard, cli.Options{}))
	require.Equal(t, stateJSON(t, r.sh), stateJSON(t, sh))

	require.True(t, strings.HasPrefix(script, "# A Kafka playground session, exported as a script in the playground's command language.\n"+
		"# Replay it with: kafkasim -f FILE   (or import it: kafkasim --import FILE)\n"+
		"# Seed 7, 3 broker(s), 3 controller(s): the reset line below starts that cluster.\n"+
		"reset --brokers 3 --controllers 3 --seed 7\n"+
		"# t=0.0s\n"+
		"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2\n"+
		"kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:\n"+
		"alice:order 1\nbob:order *2* <b>&amp;</b>\ncarol:`tick`\n\n"+
		"tick 5\n"+
		"# t=1.9s\nbroker kill 1\n"+
		"tick 30\ntick 70\n"+
		"# t=11.9s\nconsumer add billing-1 --group billing --topic orders\n"), script)
	require.NotContains(t, script, "--create --topic orders\n", "the failed command is left out")
}

// The same through a file: import the script, stamp it, replay it.
func TestScriptImportRoundTrip(t *testing.T) {
	r := story(t)
	f, err := StampScript(ExportScript(r.f))
	require.NoError(t, err)
	require.Equal(t, r.f.Setup, f.Setup)
	sh, err := Replay(f.Setup, f.Commands)
	require.NoError(t, err)
	require.Equal(t, stateJSON(t, r.sh), stateJSON(t, sh))
	// The ticks are the times the commands ran at, as they were recorded.
	var want []int64
	for _, c := range r.f.Commands {
		if !c.Failed {
			want = append(want, c.Tick)
		}
	}
	var got []int64
	for _, c := range f.Commands {
		got = append(got, c.Tick)
		require.Equal(t, SourceScript, c.Source)
	}
	require.Equal(t, want, got)
}

func TestImportScript(t *testing.T) {
	f, err := ImportScript("\ufeff# a story\n\nreset --seed=5 --brokers 4\nkafka-topics.sh --create --topic t\r\nkafka-console-producer --topic t\na\n  b \n\ntick 3\n")
	require.NoError(t, err)
	require.Equal(t, File{Format: Format, Version: Version, Setup: Setup{Seed: 5, Brokers: 4, Controllers: 3}, Commands: []Command{
		{Line: "kafka-topics.sh --create --topic t", Source: SourceScript},
		{Line: "kafka-console-producer --topic t", Input: []string{"a", "  b "}, Source: SourceScript},
		{Line: "tick 3", Source: SourceScript},
	}}, f)

	f, err = ImportScript("broker kill 1\nreset --seed 5\n")
	require.NoError(t, err)
	require.Equal(t, SetupOf(engine.DefaultConfig()), f.Setup, "only a first reset is the setup")
	require.Len(t, f.Commands, 2)

	f, err = ImportScript("reset --seed 5 --brokers\n")
	require.NoError(t, err)
	require.Equal(t, "reset --seed 5 --brokers", f.Commands[0].Line, "a reset that is not a setup is left to the engine")

	f, err = ImportScript("")
	require.NoError(t, err)
	require.Equal(t, File{Format: Format, Version: Version, Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}}, f)
}

func TestImportScriptErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"quote", "state\n\nkafka-topics.sh --create --topic 'orders\n", "line 3: cannot read the command: unterminated single quote"},
		{"setup", "reset --brokers 13\n", "line 1: brokers must be 1 to 12, not 13"},
		{"seed", "# hi\nreset --seed -1\n", `line 2: "-1" is not a seed: use a whole number`},
		{"controllers", "reset --controllers two\n", `line 1: Option controllers: "two" is not a number`},
		{"long line", "state " + strings.Repeat("x", MaxLineBytes) + "\n", "line 1: the line is 4102 bytes; a line is at most 4096"},
		{"long record", "kafka-console-producer --topic t\nok\n" + strings.Repeat("x", MaxLineBytes+1) + "\n", "line 3: the record is 4097 bytes; a line is at most 4096"},
		{"carriage return", "state\rstate\n", "line 1: the line has a line break in it"},
		{"not UTF-8", "state \xff\n", "line 1: not valid UTF-8"},
		{"too many records", "kafka-console-producer --topic t\n" + strings.Repeat("r\n", MaxInputLines+1), "line 1: 10001 records; a console producer reads at most 10000"},
		{"too many commands", strings.Repeat("state\n", MaxCommands+1), "line 20001: the script has more than 20000 commands; a session has at most 20000"},
		{"too big", strings.Repeat("#", MaxFileBytes+1), "the script is 1048577 bytes; a session is at most 1048576 (1 MiB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ImportScript(tc.src)
			require.EqualError(t, err, tc.want)
			require.Zero(t, f)
		})
	}
}

// A script stops at a command that cannot run; an imported one is refused there, by line.
func TestStampNamesTheCommandThatFails(t *testing.T) {
	src := "reset --seed 3\n# make a topic\nkafka-topics.sh --create --topic t\n\nkafka-topics.sh --create --topic t\n"
	f, err := ImportScript(src)
	require.NoError(t, err)
	_, err = Stamp(f.Setup, f.Commands)
	require.EqualError(t, err, "command 2 (kafka-topics.sh --create --topic t): Error while executing topic command : Topic 't' already exists.")
	_, err = StampScript(src)
	require.EqualError(t, err, "line 5: kafka-topics.sh --create --topic t: Error while executing topic command : Topic 't' already exists.")
}

// Stamp fills in the times, clears failed marks and leaves its input alone.
func TestStamp(t *testing.T) {
	in := []Command{{Line: "tick 12", Source: SourceScript, Failed: true}, {Line: "broker kill 1", Source: SourceScript}, {Line: "settle", Source: SourceScript}, {Line: "state", Source: SourceScript}}
	out, err := Stamp(Setup{Seed: 1, Brokers: 3, Controllers: 3}, in)
	require.NoError(t, err)
	require.Equal(t, []int64{0, 12, 12}, []int64{out[0].Tick, out[1].Tick, out[2].Tick})
	require.Greater(t, out[3].Tick, int64(12))
	require.False(t, out[0].Failed)
	require.True(t, in[0].Failed)
	require.Zero(t, in[1].Tick)
}

// An empty record cannot be written in a script: it is left out, with a comment saying so.
func TestExportScriptLeavesOutEmptyRecords(t *testing.T) {
	r := newRecorder(t, Setup{Seed: 1, Brokers: 1, Controllers: 1})
	r.run(false, "kafka-topics.sh --create --topic t --replication-factor 1")
	r.run(false, "kafka-console-producer.sh --topic t", "a", "", "b")
	r.run(false, "kafka-console-producer.sh --topic t")
	r.run(false, "broker add", "ignored: only the console producer reads input")
	script := ExportScript(r.f)
	require.Contains(t, script, "# 1 empty record(s) of the next command are left out: an empty line ends a console producer's input.\n"+
		"kafka-console-producer.sh --topic t\na\nb\n\n# t=1.2s\nkafka-console-producer.sh --topic t\n\nbroker add\n")
	f, err := StampScript(script)
	require.NoError(t, err)
	require.Equal(t, []string{"a", "b"}, f.Commands[1].Input)
	require.Nil(t, f.Commands[2].Input)
	require.Equal(t, "broker add", f.Commands[3].Line)
}

// A session the learner was rewinding says where it was looking; the script runs to the end.
func TestExportScriptNotesThePosition(t *testing.T) {
	r := story(t)
	p := int64(3)
	r.f.Position = &p
	require.Contains(t, ExportScript(r.f), fmt.Sprintf("# The session was being looked at step 3 of %d; the script runs to the end.\n", StepCount(r.f.Commands)))
}
