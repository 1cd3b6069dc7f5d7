package session

import (
	"testing"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

func TestParseOverride(t *testing.T) {
	for in, want := range map[string]Override{
		"acks=1":                               {OverrideAcks, "1"},
		" acks = -1 ":                          {OverrideAcks, "all"},
		"unclean=true":                         {OverrideUnclean, "true"},
		"unclean.leader.election.enable=false": {OverrideUnclean, "false"},
		"min.insync.replicas=2":                {OverrideMinISR, "2"},
		"assignor=cooperative-sticky":          {OverrideAssignor, "cooperative-sticky"},
	} {
		got, err := ParseOverride(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for in, want := range map[string]string{
		"acks":                  `"acks" is not a setting: write name=value, for example acks=1`,
		"acks=2":                "Invalid value 2 for configuration acks: String must be one of: all, 0, 1",
		"unclean=yes":           "Invalid value yes for configuration unclean.leader.election.enable: Expected value to be either true or false",
		"min.insync.replicas=0": "Invalid value 0 for configuration min.insync.replicas: must be a number from 1 to 12",
		"assignor=sticky-ish":   "Invalid value sticky-ish for configuration partition.assignment.strategy: use range, roundrobin, sticky, cooperative-sticky",
		"linger.ms=5":           `"linger.ms" cannot be compared: the what-if comparison knows acks, unclean.leader.election.enable, min.insync.replicas and partition.assignment.strategy`,
	} {
		_, err := ParseOverride(in)
		require.EqualError(t, err, want, in)
	}
}

func TestPresetsAreValidAndLabelled(t *testing.T) {
	var labels []string
	for _, p := range Presets() {
		require.NoError(t, p.A.Validate())
		require.NoError(t, p.B.Validate())
		require.Equal(t, p.A.Name, p.B.Name, p.Label)
		require.NotEqual(t, p.A, p.B, p.Label)
		labels = append(labels, p.Label+": "+p.A.Label()+" | "+p.B.Label())
	}
	require.Equal(t, []string{
		"acks=1 vs acks=all: acks=1 | acks=all",
		"unclean election on vs off: unclean election on | unclean election off",
		"min.insync.replicas 1 vs 2: min.insync.replicas=1 | min.insync.replicas=2",
		"range vs cooperative-sticky: range | cooperative-sticky",
	}, labels)
}

func TestRewriteLine(t *testing.T) {
	acks1, acksAll := Override{OverrideAcks, "1"}, Override{OverrideAcks, "all"}
	unclean, minISR := Override{OverrideUnclean, "true"}, Override{OverrideMinISR, "2"}
	sticky := Override{OverrideAssignor, "cooperative-sticky"}
	for _, tc := range []struct {
		o         Override
		line, out string
	}{
		// Producers: the setting is replaced where it is, added where it is not.
		{acks1, "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic t",
			"kafka-console-producer.sh --bootstrap-server localhost:9092 --topic t --producer-property acks=1"},
		{acks1, "kafka-console-producer.sh --topic t --producer-property acks=all --producer-property linger.ms=5",
			"kafka-console-producer.sh --topic t --producer-property acks=1 --producer-property linger.ms=5"},
		{acks1, "kafka-console-producer --topic t --producer-property=acks=0",
			"kafka-console-producer --topic t --producer-property=acks=1"},
		{acksAll, "bin/kafka-console-producer.sh --topic t --request-required-acks 1",
			"bin/kafka-console-producer.sh --topic t --request-required-acks all"},
		{acks1, "kafka-console-producer.sh --topic t --request-required-acks=all --producer-property acks=0",
			"kafka-console-producer.sh --topic t --request-required-acks=1 --producer-property acks=1"},
		{acks1, "kafka-console-producer.sh --topic t --producer-property enable.idempotence=true",
			"kafka-console-producer.sh --topic t --producer-property enable.idempotence=false --producer-property acks=1"},
		{acksAll, "kafka-console-producer.sh --topic t --producer-property enable.idempotence=true",
			"kafka-console-producer.sh --topic t --producer-property enable.idempotence=true --producer-property acks=all"},
		{acks1, "producer add p1 --topic t --rate 5 --keys 'alice,bob'",
			"producer add p1 --topic t --rate 5 --keys alice,bob --producer-property acks=1"},
		{acks1, "producer add 'my producer' --topic t --producer-property acks=all --producer-property enable.idempotence=true",
			"producer add 'my producer' --topic t --producer-property acks=1 --producer-property enable.idempotence=false"},
		{acks1, "producer send p1 hello", "producer send p1 hello"},
		{acks1, "kafka-topics.sh --create --topic t", "kafka-topics.sh --create --topic t"},
		// Topics: --config on create, --add-config on alter.
		{unclean, "kafka-topics.sh --create --topic t --partitions 3",
			"kafka-topics.sh --create --topic t --partitions 3 --config unclean.leader.election.enable=true"},
		{minISR, "kafka-topics.sh --create --topic t --config min.insync.replicas=1 --config retention.ms=1000",
			"kafka-topics.sh --create --topic t --config min.insync.replicas=2 --config retention.ms=1000"},
		{minISR, "kafka-topics.sh --create --topic t --config=min.insync.replicas=3",
			"kafka-topics.sh --create --topic t --config=min.insync.replicas=2"},
		{minISR, "kafka-topics.sh --describe --topic t", "kafka-topics.sh --describe --topic t"},
		{minISR, "kafka-configs.sh --entity-type topics --entity-name t --alter --add-config unclean.leader.election.enable=false,min.insync.replicas=1",
			"kafka-configs.sh --entity-type topics --entity-name t --alter --add-config unclean.leader.election.enable=false,min.insync.replicas=2"},
		{unclean, "kafka-configs.sh --entity-type topics --entity-name t --alter --add-config unclean.leader.election.enable=false,min.insync.replicas=1",
			"kafka-configs.sh --entity-type topics --entity-name t --alter --add-config unclean.leader.election.enable=true,min.insync.replicas=1"},
		{unclean, "kafka-configs.sh --entity-type topics --entity-name t --alter --add-config retention.ms=5",
			"kafka-configs.sh --entity-type topics --entity-name t --alter --add-config retention.ms=5"},
		{unclean, "kafka-configs.sh --entity-type topics --entity-name t --alter --delete-config unclean.leader.election.enable",
			"kafka-configs.sh --entity-type topics --entity-name t --alter --add-config unclean.leader.election.enable=true"},
		{unclean, "kafka-configs.sh --entity-type topics --entity-name t --alter --delete-config=unclean.leader.election.enable,retention.ms",
			"kafka-configs.sh --entity-type topics --entity-name t --alter --delete-config=retention.ms --add-config unclean.leader.election.enable=true"},
		// Consumers in groups.
		{sticky, "consumer add c1 --group g --topic t",
			"consumer add c1 --group g --topic t --consumer-property partition.assignment.strategy=cooperative-sticky"},
		{sticky, "consumer add c1 --group g --topic t --consumer-property partition.assignment.strategy=range,roundrobin",
			"consumer add c1 --group g --topic t --consumer-property partition.assignment.strategy=cooperative-sticky"},
		{sticky, "kafka-console-consumer.sh --topic t --group g --from-beginning",
			"kafka-console-consumer.sh --topic t --group g --from-beginning --consumer-property partition.assignment.strategy=cooperative-sticky"},
		{sticky, "kafka-console-consumer.sh --topic t --from-beginning", "kafka-console-consumer.sh --topic t --from-beginning"},
		{sticky, "consumer poll c1", "consumer poll c1"},
		// Words that need quotes keep them; lines that do not parse are left alone.
		{acks1, `kafka-console-producer.sh --topic "my topic" --property 'key.separator= '`,
			`kafka-console-producer.sh --topic 'my topic' --property 'key.separator= ' --producer-property acks=1`},
		{acks1, "kafka-console-producer.sh --topic 'unterminated", "kafka-console-producer.sh --topic 'unterminated"},
		{acks1, "", ""},
		{Override{"linger.ms", "5"}, "kafka-console-producer.sh --topic t", "kafka-console-producer.sh --topic t"},
	} {
		got := RewriteLine(tc.line, tc.o)
		require.Equal(t, tc.out, got, "%s with %s", tc.line, tc.o)
		if got != tc.line {
			_, err := cli.Tokenize(got)
			require.NoError(t, err, got)
		}
	}
}

// A rewritten line runs: the setting is one the command accepts.
func TestRewrittenLinesRun(t *testing.T) {
	for _, p := range Presets() {
		for _, o := range []Override{p.A, p.B} {
			sh, err := Replay(Setup{Seed: 3, Brokers: 3, Controllers: 1}, Rewrite([]Command{
				{Line: "kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3 --config min.insync.replicas=1"},
				{Line: "kafka-configs.sh --entity-type topics --entity-name t --alter --delete-config min.insync.replicas,unclean.leader.election.enable"},
				{Line: "producer add p1 --topic t --producer-property enable.idempotence=true"},
				{Line: "kafka-console-producer.sh --topic t --request-required-acks 0", Input: []string{"a", "b"}},
				{Line: "consumer add c1 --group g --topic t"},
				{Line: "kafka-console-consumer.sh --topic t --group g2 --from-beginning"},
				{Line: "tick 3", Source: SourceClock},
			}, o))
			require.NoError(t, err, o.String())
			v := sh.Sim().View()
			topic, _ := v.Topic("t")
			switch o.Name {
			case OverrideMinISR, OverrideUnclean:
				require.Equal(t, o.Value, topic.Configs[o.Name], o.String())
			case OverrideAcks:
				require.Equal(t, o.Value, v.Producers[0].Acks)
			}
		}
	}
}

func TestRewriteLeavesTheLogAlone(t *testing.T) {
	cmds := []Command{
		{Line: "kafka-console-producer.sh --topic t", Input: []string{"a"}, Tick: 3},
		{Line: "kafka-console-producer.sh --topic t", Failed: true},
		{Line: "tick 4", Source: SourceClock, Tick: 5},
	}
	out := Rewrite(cmds, Override{OverrideAcks, "0"})
	require.Equal(t, "kafka-console-producer.sh --topic t", cmds[0].Line, "the input is not changed")
	require.Equal(t, []Command{
		{Line: "kafka-console-producer.sh --topic t --producer-property acks=0", Input: []string{"a"}, Tick: 3},
		{Line: "kafka-console-producer.sh --topic t", Failed: true},
		{Line: "tick 4", Source: SourceClock, Tick: 5},
	}, out)
}
