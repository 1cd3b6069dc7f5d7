package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func runScript(t *testing.T, script string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(script), &out, &errOut)
	return out.String(), errOut.String(), code
}

const create = "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3\n"

func TestScriptFromStdin(t *testing.T) {
	out, _, code := runScript(t, create+"kafka-topics.sh --list\n")
	require.Equal(t, 0, code)
	require.Equal(t, "Created topic orders.\norders\n", out)
}

func TestScriptFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.kafka")
	require.NoError(t, os.WriteFile(path, []byte(create+"# a comment\n\nkafka-get-offsets.sh --topic orders\n"), 0o644))
	out, _, code := runScript(t, "", "-f", path)
	require.Equal(t, 0, code)
	require.Equal(t, "Created topic orders.\norders:0:0\norders:1:0\norders:2:0\n", out)
}

// A command that cannot run stops the script, names the line and exits non-zero; nothing after
// it runs.
func TestScriptStopsAtFirstBadCommand(t *testing.T) {
	out, errOut, code := runScript(t, create+"kafka-topics.sh --create --topic orders\nkafka-topics.sh --list\n")
	require.Equal(t, 1, code)
	require.Contains(t, out, "ERROR line 2: kafka-topics.sh --create --topic orders: Error while executing topic command : Topic 'orders' already exists.")
	require.NotContains(t, out, "\norders\n")
	require.Contains(t, errOut, "line 2")
}

func TestKeepGoingRunsTheRest(t *testing.T) {
	out, _, code := runScript(t, create+"no-such-command\nkafka-topics.sh --list\n", "--keep-going")
	require.Equal(t, 1, code, "the first error still decides the exit status")
	require.Contains(t, out, `unknown command "no-such-command"`)
	require.True(t, strings.HasSuffix(out, "orders\n"), out)
}

// A record refused with NOT_ENOUGH_REPLICAS is a Kafka-level failure: printed, and the script
// goes on, as the real tool keeps running.
func TestKafkaFailureDoesNotStopScript(t *testing.T) {
	script := "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3 --config min.insync.replicas=3\n" +
		"broker kill 3\nsettle\n" +
		"kafka-console-producer.sh --topic t\nhello\n\n" +
		"kafka-topics.sh --list\n"
	out, _, code := runScript(t, script)
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "org.apache.kafka.common.errors.NotEnoughReplicasException")
	require.True(t, strings.HasSuffix(out, "t\n"), out)
}

func TestSeedMakesRunsRepeatable(t *testing.T) {
	script := create + "kafka-topics.sh --describe --topic orders\n"
	a, _, _ := runScript(t, script, "--seed", "42")
	b, _, _ := runScript(t, script, "--seed", "42")
	c, _, _ := runScript(t, script, "--seed", "43")
	require.Equal(t, a, b)
	require.NotEqual(t, a, c, "the topic id comes from the seed")
}

func TestBrokersFlag(t *testing.T) {
	out, _, code := runScript(t, "kafka-topics.sh --create --topic t --replication-factor 5\n", "--brokers", "5")
	require.Equal(t, 0, code, out)
	_, errOut, code := runScript(t, "", "--brokers", "13")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "between 1 and 12")
}

func TestEchoAndEvents(t *testing.T) {
	out, _, code := runScript(t, create, "--echo", "--events")
	require.Equal(t, 0, code)
	require.Contains(t, out, "> kafka-topics.sh")
	require.Contains(t, out, "[0.0s] topic orders was created")
}

func TestBadFlagsAndArguments(t *testing.T) {
	_, _, code := runScript(t, "", "--no-such-flag")
	require.Equal(t, 2, code)
	_, errOut, code := runScript(t, "", "story.kafka")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "-f")
	_, errOut, code = runScript(t, "", "-f", filepath.Join(t.TempDir(), "missing.kafka"))
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "missing.kafka")
}

func TestCompletion(t *testing.T) {
	line, pos, ok := complete("kafka-to", 8, '\t')
	require.True(t, ok)
	require.Equal(t, "kafka-topics ", line)
	require.Equal(t, len(line), pos)
	line, _, ok = complete("kafka-topics --cre", 18, '\t')
	require.True(t, ok)
	require.Equal(t, "kafka-topics --create ", line)
	line, _, ok = complete("kafka-topics --p", 16, '\t')
	require.True(t, ok)
	require.Equal(t, "kafka-topics --partitions ", line)
	_, _, ok = complete("zzz", 3, '\t')
	require.False(t, ok)
	_, _, ok = complete("kafka-to", 8, 'x')
	require.False(t, ok, "only tab completes")
}
