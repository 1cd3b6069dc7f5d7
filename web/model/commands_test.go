package model

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuoteRoundTripsThroughTokenize(t *testing.T) {
	words := []string{"orders", "", "a b", "it's", `say "hi"`, `back\slash`, "tab\there", "new\nline", "$HOME", "*", "#x",
		"min.insync.replicas=2", "key.separator=:", "a,b", "'", `"`, `'"'`, "ünïcode", "--topic", "-", "semi;colon", "x|y", "(p)"}
	for _, w := range words {
		q := cli.Quote(w)
		got, err := cli.Tokenize("cmd " + q + " end")
		require.NoError(t, err, "%q quoted as %s", w, q)
		assert.Equal(t, []string{"cmd", w, "end"}, got, "%q quoted as %s", w, q)
	}
	assert.Equal(t, "orders", cli.Quote("orders"))
	assert.Equal(t, "key.separator=:", cli.Quote("key.separator=:"))
	assert.Equal(t, "'a b'", cli.Quote("a b"))
	assert.Equal(t, "''", cli.Quote(""))
}

func TestValidateTopicName(t *testing.T) {
	tests := []struct {
		name, err string
	}{
		{"orders", ""},
		{"Orders_v2.dlq-1", ""},
		{strings.Repeat("a", 249), ""},
		{"", "can't be empty"},
		{".", `cannot be "." or ".."`},
		{"..", `cannot be "." or ".."`},
		{strings.Repeat("a", 250), "can't be longer than 249 characters"},
		{"my topic", "contains a character other than ASCII alphanumerics"},
		{"tôpic", "contains a character other than ASCII alphanumerics"},
		{"a/b", "contains a character other than ASCII alphanumerics"},
	}
	for _, tt := range tests {
		err := ValidateTopicName(tt.name)
		if tt.err == "" {
			assert.NoError(t, err, tt.name)
		} else if assert.Error(t, err, tt.name) {
			assert.Contains(t, err.Error(), tt.err)
		}
	}
}

func TestTopicFormCommand(t *testing.T) {
	tests := []struct {
		name string
		form TopicForm
		want string
		err  string
	}{
		{"the brief's example", TopicForm{Name: "orders", Partitions: 3, ReplicationFactor: 3, Configs: map[string]string{"min.insync.replicas": "2"}},
			"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2", ""},
		{"configs sorted, empty ones left out", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1,
			Configs: map[string]string{"retention.ms": "60000", "cleanup.policy": "compact", "segment.bytes": ""}},
			"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=60000", ""},
		{"no configs", TopicForm{Name: "t", Partitions: 6, ReplicationFactor: 2},
			"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 6 --replication-factor 2", ""},
		{"a value with a space is quoted", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1, Configs: map[string]string{"cleanup.policy": "compact, delete"}},
			"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 1 --config 'cleanup.policy=compact, delete'", ""},
		{"bad name", TopicForm{Name: "my topic", Partitions: 1, ReplicationFactor: 1}, "", "illegal"},
		{"zero partitions", TopicForm{Name: "t", Partitions: 0, ReplicationFactor: 1}, "", "partitions must be at least 1"},
		{"negative replication factor", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: -1}, "", "replication factor must be at least 1"},
		{"bad config name", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1, Configs: map[string]string{"a=b": "c"}}, "", "not a config name"},
		{"empty config name", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1, Configs: map[string]string{"": "c"}}, "", "not a config name"},
		{"multi-line value", TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1, Configs: map[string]string{"retention.ms": "1\n2"}}, "", "one line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.form.Command()
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTopicFormCreatesTheTopicItDescribes(t *testing.T) {
	sh := newShell(t)
	line, err := TopicForm{Name: "orders", Partitions: 3, ReplicationFactor: 2,
		Configs: map[string]string{"min.insync.replicas": "2", "cleanup.policy": "compact", "retention.ms": ""}}.Command()
	require.NoError(t, err)
	run(t, sh, line)
	tv, ok := sh.Sim().View().Topic("orders")
	require.True(t, ok)
	assert.Len(t, tv.Partitions, 3)
	assert.Equal(t, 2, tv.ReplicationFactor)
	assert.Equal(t, "2", tv.Configs["min.insync.replicas"])
	assert.Equal(t, "compact", tv.Configs["cleanup.policy"])
	assert.NotContains(t, tv.Configs, "retention.ms")

	run(t, sh, DeleteTopicCommand("orders"))
	_, ok = sh.Sim().View().Topic("orders")
	assert.False(t, ok)
}

func TestDeleteTopicCommand(t *testing.T) {
	assert.Equal(t, "kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders", DeleteTopicCommand("orders"))
	words, err := cli.Tokenize(DeleteTopicCommand("it's odd"))
	require.NoError(t, err)
	assert.Equal(t, "it's odd", words[len(words)-1])
}

func TestProduceFormCommand(t *testing.T) {
	const tool = "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders"
	const keyed = " --property parse.key=true --property key.separator=:"
	tests := []struct {
		name  string
		form  ProduceForm
		line  string
		input []string
		err   string
	}{
		{"one keyed record", ProduceForm{Topic: "orders", Key: "alice", Value: "order", Count: 1},
			tool + keyed, []string{"alice:order"}, ""},
		{"several keyed records are numbered", ProduceForm{Topic: "orders", Key: "alice", Value: "order", Count: 3, Acks: "all"},
			tool + keyed + " --request-required-acks all", []string{"alice:order 1", "alice:order 2", "alice:order 3"}, ""},
		{"no key: no parse.key", ProduceForm{Topic: "orders", Value: "hello world", Count: 1, Acks: "1"},
			tool + " --request-required-acks 1", []string{"hello world"}, ""},
		{"a value may hold the separator", ProduceForm{Topic: "orders", Key: "k", Value: "a:b", Count: 1},
			tool + keyed, []string{"k:a:b"}, ""},
		{"an empty value with a key", ProduceForm{Topic: "orders", Key: "k", Count: 1}, tool + keyed, []string{"k:"}, ""},
		{"empty values are numbered alone", ProduceForm{Topic: "orders", Count: 2, Acks: "0"},
			tool + " --request-required-acks 0", []string{"1", "2"}, ""},
		{"nothing to send", ProduceForm{Topic: "orders", Count: 1}, "", nil, "key or a value"},
		{"a key with the separator", ProduceForm{Topic: "orders", Key: "a:b", Value: "v", Count: 1}, "", nil, `contains ":"`},
		{"a multi-line value", ProduceForm{Topic: "orders", Value: "a\nb", Count: 1}, "", nil, "one line"},
		{"no records", ProduceForm{Topic: "orders", Value: "v", Count: 0}, "", nil, "between 1 and"},
		{"too many records", ProduceForm{Topic: "orders", Value: "v", Count: MaxProduceCount + 1}, "", nil, "between 1 and"},
		{"bad acks", ProduceForm{Topic: "orders", Value: "v", Count: 1, Acks: "2"}, "", nil, "acks must be all, 1 or 0"},
		{"bad topic", ProduceForm{Topic: "", Value: "v", Count: 1}, "", nil, "can't be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, input, err := tt.form.Command()
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.line, line)
			assert.Equal(t, tt.input, input)
		})
	}
}

func TestProduceFormAppendsKeyedRecords(t *testing.T) {
	sh := newShell(t, createOrders)
	line, input, err := ProduceForm{Topic: "orders", Key: "alice", Value: "order: one", Count: 3, Acks: "all"}.Command()
	require.NoError(t, err)
	res := sh.Exec(line, input)
	require.NoError(t, res.Err, res.Output)
	var keys, values []string
	for _, p := range sh.Sim().View().Topics[0].Partitions {
		for _, r := range p.ReplicaStates[0].Records {
			keys = append(keys, r.KeyString())
			values = append(values, r.ValueString())
		}
	}
	assert.Equal(t, []string{"alice", "alice", "alice"}, keys, "one key, so one partition")
	assert.Equal(t, []string{"order: one 1", "order: one 2", "order: one 3"}, values)

	line, input, err = ProduceForm{Topic: "orders", Value: "plain", Count: 1}.Command()
	require.NoError(t, err)
	require.NoError(t, sh.Exec(line, input).Err)
	found := false
	for _, p := range sh.Sim().View().Topics[0].Partitions {
		for _, r := range p.ReplicaStates[0].Records {
			if r.Value == "plain" {
				found = true
				assert.True(t, r.NullKey, "no key given: a null key, not an empty one")
			}
		}
	}
	assert.True(t, found)
}

func TestProducerFormCommand(t *testing.T) {
	tests := []struct {
		name string
		form ProducerForm
		want string
		err  string
	}{
		{"the brief's example", ProducerForm{Name: "p1", Topic: "orders", Acks: "all", Idempotence: true, Keys: []string{"a", "b"}, RatePerSec: 5},
			"producer add p1 --topic orders --producer-property acks=all --producer-property enable.idempotence=true --rate 5 --keys a,b", ""},
		{"an unticked box says false when Kafka would default to true", ProducerForm{Name: "p1", Topic: "orders", Acks: "all"},
			"producer add p1 --topic orders --producer-property acks=all --producer-property enable.idempotence=false", ""},
		{"acks unset", ProducerForm{Name: "p1", Topic: "orders"},
			"producer add p1 --topic orders --producer-property enable.idempotence=false", ""},
		{"acks=1 turns idempotence off by itself", ProducerForm{Name: "p1", Topic: "orders", Acks: "1", RatePerSec: 0},
			"producer add p1 --topic orders --producer-property acks=1", ""},
		{"names and keys are quoted", ProducerForm{Name: "my producer", Topic: "orders", Acks: "0", Keys: []string{"o'brien"}},
			`producer add 'my producer' --topic orders --producer-property acks=0 --keys 'o'"'"'brien'`, ""},
		{"idempotence needs acks=all", ProducerForm{Name: "p1", Topic: "orders", Acks: "1", Idempotence: true}, "", "Must set acks to all"},
		{"no name", ProducerForm{Name: " ", Topic: "orders"}, "", "needs a name"},
		{"no topic", ProducerForm{Name: "p1"}, "", "can't be empty"},
		{"negative rate", ProducerForm{Name: "p1", Topic: "orders", RatePerSec: -1}, "", "between 0 and 100000"},
		{"a key with a comma", ProducerForm{Name: "p1", Topic: "orders", Keys: []string{"a,b"}}, "", "comma-separated"},
		{"an empty key", ProducerForm{Name: "p1", Topic: "orders", Keys: []string{""}}, "", "cannot be a key"},
		{"a key with spaces around it", ProducerForm{Name: "p1", Topic: "orders", Keys: []string{" a"}}, "", "without spaces"},
		{"bad acks", ProducerForm{Name: "p1", Topic: "orders", Acks: "some"}, "", "acks must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.form.Command()
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestProducerFormAddsTheProducerItDescribes(t *testing.T) {
	tests := []struct {
		form        ProducerForm
		acks        string
		idempotence bool
	}{
		{ProducerForm{Name: "p1", Topic: "orders", Acks: "all", Idempotence: true, Keys: []string{"a", "b c"}, RatePerSec: 20}, "all", true},
		{ProducerForm{Name: "my producer", Topic: "orders", Acks: "all"}, "all", false},
		{ProducerForm{Name: "p3", Topic: "orders", Acks: "1", RatePerSec: 10}, "1", false},
		{ProducerForm{Name: "p4", Topic: "orders", Acks: "-1", Idempotence: true}, "all", true},
	}
	for _, tt := range tests {
		sh := newShell(t, createOrders)
		line, err := tt.form.Command()
		require.NoError(t, err)
		run(t, sh, line, "tick 1s")
		rows := ProducerRows(sh.Sim().View())
		require.Len(t, rows, 1, line)
		p := rows[0]
		assert.Equal(t, tt.form.Name, p.Name)
		assert.Equal(t, "orders", p.Topic)
		assert.Equal(t, tt.acks, p.Acks, line)
		assert.Equal(t, tt.idempotence, p.Idempotence, line)
		assert.Equal(t, tt.form.RatePerSec, p.RatePerSec)
		if tt.form.RatePerSec > 0 {
			assert.Positive(t, p.Sent)
		}
		if len(tt.form.Keys) > 0 {
			keys := map[string]bool{}
			for _, part := range sh.Sim().View().Topics[0].Partitions {
				for _, r := range part.ReplicaStates[0].Records {
					keys[r.KeyString()] = true
				}
			}
			assert.Equal(t, map[string]bool{"a": true, "b c": true}, keys, "the rate sends cycle through the keys")
		}
	}
}

func TestConsumerFormCommand(t *testing.T) {
	tests := []struct {
		name string
		form ConsumerForm
		want string
		err  string
	}{
		{"with an assignor", ConsumerForm{Name: "c1", Group: "g1", Topic: "orders", Assignor: "cooperative-sticky"},
			"consumer add c1 --group g1 --topic orders --consumer-property partition.assignment.strategy=cooperative-sticky", ""},
		{"Kafka's default assignors", ConsumerForm{Name: "c1", Group: "g1", Topic: "orders"},
			"consumer add c1 --group g1 --topic orders", ""},
		{"several topics", ConsumerForm{Name: "c1", Group: "my group", Topic: "orders,audit", Assignor: "range"},
			"consumer add c1 --group 'my group' --topic orders,audit --consumer-property partition.assignment.strategy=range", ""},
		{"unknown assignor", ConsumerForm{Name: "c1", Group: "g1", Topic: "orders", Assignor: "fastest"}, "", "assignor must be one of"},
		{"no group", ConsumerForm{Name: "c1", Topic: "orders"}, "", "needs a group id"},
		{"no name", ConsumerForm{Group: "g1", Topic: "orders"}, "", "needs a name"},
		{"no topic", ConsumerForm{Name: "c1", Group: "g1"}, "", "can't be empty"},
		{"a bad topic in the list", ConsumerForm{Name: "c1", Group: "g1", Topic: "orders,,audit"}, "", "can't be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.form.Command()
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestConsumerFormAddsTheConsumerItDescribes(t *testing.T) {
	for _, assignor := range assignors {
		sh := newShell(t, createOrders)
		line, err := ConsumerForm{Name: "c 1", Group: "g1", Topic: "orders", Assignor: assignor}.Command()
		require.NoError(t, err)
		run(t, sh, line, "tick 10s")
		rows := ConsumerRows(sh.Sim().View())
		require.Len(t, rows, 1)
		assert.Equal(t, "c 1", rows[0].Name)
		assert.Equal(t, "g1", rows[0].Group)
		assert.Equal(t, "orders-0, orders-1, orders-2", rows[0].Assignment)
		g, ok := sh.Sim().View().Group("g1")
		require.True(t, ok)
		assert.Equal(t, assignor, g.Protocol)
	}
}

// TestCommandsTokenizeToTheIntendedWords is the round trip: whatever a form holds, the shell
// reads back exactly the words meant, spaces and quotes included.
func TestCommandsTokenizeToTheIntendedWords(t *testing.T) {
	line, err := ProducerForm{Name: `it's "p"`, Topic: "orders", Acks: "all", Keys: []string{"a b", `c"d`, "e'f"}}.Command()
	require.NoError(t, err)
	words, err := cli.Tokenize(line)
	require.NoError(t, err)
	assert.Equal(t, []string{"producer", "add", `it's "p"`, "--topic", "orders", "--producer-property", "acks=all",
		"--producer-property", "enable.idempotence=false", "--keys", `a b,c"d,e'f`}, words)

	line, err = ConsumerForm{Name: `c\1`, Group: "g $1", Topic: "orders"}.Command()
	require.NoError(t, err)
	words, err = cli.Tokenize(line)
	require.NoError(t, err)
	assert.Equal(t, []string{"consumer", "add", `c\1`, "--group", "g $1", "--topic", "orders"}, words)

	line, err = TopicForm{Name: "t", Partitions: 1, ReplicationFactor: 1, Configs: map[string]string{"x": `it's "odd"`}}.Command()
	require.NoError(t, err)
	words, err = cli.Tokenize(line)
	require.NoError(t, err)
	assert.Equal(t, `x=it's "odd"`, words[len(words)-1])

	line, _, err = ProduceForm{Topic: "orders", Key: "k", Value: "v", Count: 1}.Command()
	require.NoError(t, err)
	words, err = cli.Tokenize(line)
	require.NoError(t, err)
	assert.Equal(t, []string{"kafka-console-producer.sh", "--bootstrap-server", "localhost:9092", "--topic", "orders",
		"--property", "parse.key=true", "--property", "key.separator=:"}, words)
}

// FuzzQuote checks the round trip through the shell's tokenizer for any word.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "a b", "it's", `"\`, "\xff", "''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		got, err := cli.Tokenize("x " + cli.Quote(w))
		require.NoError(t, err)
		require.Equal(t, []string{"x", w}, got)
	})
}
