package cli

import (
	"encoding/json"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// Every command ReadOnly accepts leaves the simulation exactly as it was, PRNG included: a
// clone that ran it and one that did not agree now and after a minute of play.
func TestReadOnlyCommandsChangeNothing(t *testing.T) {
	sh, err := New(engine.DefaultConfig())
	require.NoError(t, err)
	for _, l := range []string{
		"kafka-topics --create --topic orders --partitions 3 --replication-factor 3",
		"consumer add c1 --group g --topic orders",
		"producer add p1 --topic orders --rate 5 --keys a,b",
		"settle",
	} {
		require.NoError(t, sh.Exec(l, nil).Err, l)
	}
	view := func(s *Shell) string {
		b, err := json.Marshal(s.Sim().View())
		require.NoError(t, err)
		return string(b)
	}
	for _, line := range []string{
		"state", "state --json", "events", "check", "help", "help kafka-topics", "segments orders 0", "seed",
		"kafka-topics --bootstrap-server localhost:9092 --list", "kafka-topics --describe --topic orders",
		"kafka-configs --describe --entity-type topics --entity-name orders",
		"kafka-consumer-groups --list", "kafka-consumer-groups --describe --group g",
		"kafka-consumer-groups --describe --group g --members",
		"kafka-consumer-groups --reset-offsets --group g --topic orders --to-earliest --dry-run",
		"kafka-get-offsets --topic orders", "kafka-metadata-quorum describe --status",
	} {
		require.True(t, ReadOnly(line), line)
		a, b := FromSim(sh.Sim().Clone()), FromSim(sh.Sim().Clone())
		a.Exec(line, nil)
		require.Equal(t, view(b), view(a), "%s changed the cluster", line)
		a.Exec("tick 600", nil)
		b.Exec("tick 600", nil)
		require.Equal(t, view(b), view(a), "%s changed what happens next", line)
	}
	for _, line := range []string{
		"broker kill 1", "seed 7", "tick", "settle", "kafka-topics --create --topic x", "kafka-topics --delete --topic x",
		"kafka-configs --alter --entity-type topics --entity-name orders --add-config retention.ms=1",
		"kafka-consumer-groups --reset-offsets --group g --topic orders --to-earliest --execute",
		"kafka-console-consumer --topic orders --from-beginning", "nonsense", "'unclosed",
	} {
		require.False(t, ReadOnly(line), line)
	}
}

func TestTimeOnly(t *testing.T) {
	for _, l := range []string{"tick", "tick 5", "tick 5s", "settle", "settle --max-ms 100"} {
		require.True(t, TimeOnly(l), l)
	}
	for _, l := range []string{"state", "broker kill 1", "", "'open", "ticks"} {
		require.False(t, TimeOnly(l), l)
	}
}
