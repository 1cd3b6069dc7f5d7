package model

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine/cli"
)

// The UI's forms become command lines, never direct engine calls: the line is what the console
// prints (so a click teaches the CLI) and what the command log replays. The forms check their
// fields first only to say what is wrong in friendly words before anything runs; the engine
// checks everything again.

// bootstrap is what every Kafka tool line carries, as in Kafka's quickstart. The shell accepts
// and ignores it, but a line a learner copies into a real terminal should work there too.
const bootstrap = "--bootstrap-server localhost:9092"

// MaxProduceCount bounds the records one produce form sends: the console producer runs until
// every record is acknowledged, and the page waits for it.
const MaxProduceCount = 10000

// TopicForm is the new-topic dialog.
type TopicForm struct {
	Name              string
	Partitions        int
	ReplicationFactor int
	Configs           map[string]string // topic configs; empty values are left out
}

// Command is the kafka-topics.sh --create line for the form, configs sorted by name.
func (f TopicForm) Command() (string, error) {
	if err := ValidateTopicName(f.Name); err != nil {
		return "", err
	}
	if f.Partitions < 1 {
		return "", fmt.Errorf("the number of partitions must be at least 1, not %d", f.Partitions)
	}
	if f.ReplicationFactor < 1 {
		return "", fmt.Errorf("the replication factor must be at least 1, not %d", f.ReplicationFactor)
	}
	words := []string{"kafka-topics.sh", bootstrap, "--create", "--topic", cli.Quote(f.Name),
		"--partitions", strconv.Itoa(f.Partitions), "--replication-factor", strconv.Itoa(f.ReplicationFactor)}
	keys := make([]string, 0, len(f.Configs))
	for k := range f.Configs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := f.Configs[k]
		if v == "" {
			continue
		}
		if k == "" || strings.ContainsAny(k, "= \t\r\n") {
			return "", fmt.Errorf("%q is not a config name", k)
		}
		if strings.ContainsAny(v, "\r\n") {
			return "", fmt.Errorf("the value of %s must be on one line", k)
		}
		words = append(words, "--config", cli.Quote(k+"="+v))
	}
	return strings.Join(words, " "), nil
}

// DeleteTopicCommand is the kafka-topics.sh --delete line for a topic.
func DeleteTopicCommand(name string) string {
	return "kafka-topics.sh " + bootstrap + " --delete --topic " + cli.Quote(name)
}

// ValidateTopicName applies Kafka's rules (org.apache.kafka.common.internals.Topic.validate),
// in Kafka's words, so the dialog shows the same error the tool would.
func ValidateTopicName(name string) error {
	switch {
	case name == "":
		return errors.New("Topic name is illegal, it can't be empty")
	case name == "." || name == "..":
		return errors.New(`Topic name cannot be "." or ".."`)
	case len(name) > 249:
		return fmt.Errorf("Topic name is illegal, it can't be longer than 249 characters, topic name: %s", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf(`Topic name "%s" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`, name)
		}
	}
	return nil
}

// ProduceForm sends Count records to Topic with the console producer, all with Key (no key
// when empty). The values are Value, or "Value 1" ... "Value N" when Count > 1 so that the
// records can be told apart on the lanes.
type ProduceForm struct {
	Topic, Key, Value string
	Count             int
	Acks              string // --request-required-acks: "", "all", "-1", "1" or "0"
}

// keySeparator is the console producer's key.separator: ":" rather than the default tab,
// which nobody can see in the console.
const keySeparator = ":"

// Command is the kafka-console-producer.sh line and the lines it reads, one record each.
func (f ProduceForm) Command() (line string, input []string, err error) {
	if err := ValidateTopicName(f.Topic); err != nil {
		return "", nil, err
	}
	if f.Count < 1 || f.Count > MaxProduceCount {
		return "", nil, fmt.Errorf("the number of records must be between 1 and %d, not %d", MaxProduceCount, f.Count)
	}
	if strings.Contains(f.Key, keySeparator) {
		return "", nil, fmt.Errorf("the key %q contains %q, which the console producer uses to split the key from the value", f.Key, keySeparator)
	}
	if strings.ContainsAny(f.Key+f.Value, "\r\n") {
		return "", nil, errors.New("keys and values must be on one line: the console producer reads one record per line")
	}
	if f.Key == "" && f.Value == "" && f.Count == 1 {
		// An empty line ends the console producer's input; it sends nothing.
		return "", nil, errors.New("give the record a key or a value")
	}
	if err := checkAcks(f.Acks); err != nil {
		return "", nil, err
	}
	words := []string{"kafka-console-producer.sh", bootstrap, "--topic", cli.Quote(f.Topic)}
	if f.Key != "" {
		words = append(words, "--property", "parse.key=true", "--property", cli.Quote("key.separator="+keySeparator))
	}
	if f.Acks != "" {
		words = append(words, "--request-required-acks", f.Acks)
	}
	input = make([]string, f.Count)
	for i := range input {
		v := f.Value
		switch {
		case f.Count > 1 && v == "":
			v = strconv.Itoa(i + 1)
		case f.Count > 1:
			v += " " + strconv.Itoa(i+1)
		}
		if f.Key != "" {
			v = f.Key + keySeparator + v
		}
		input[i] = v
	}
	return strings.Join(words, " "), input, nil
}

func checkAcks(acks string) error {
	switch acks {
	case "", "all", "-1", "1", "0":
		return nil
	}
	return fmt.Errorf("acks must be all, 1 or 0, not %q", acks)
}

// ProducerForm adds a long-lived producer that sends RatePerSec records a second to Topic on
// its own, cycling through Keys (no key when there are none).
type ProducerForm struct {
	Name, Topic, Acks string
	Idempotence       bool
	Keys              []string
	RatePerSec        int
}

// Command is the `producer add` line. enable.idempotence is always written when it decides
// something: Kafka turns it on by default with acks=all, so an unticked box must say false.
func (f ProducerForm) Command() (string, error) {
	if err := checkClientName("producer", f.Name); err != nil {
		return "", err
	}
	if err := ValidateTopicName(f.Topic); err != nil {
		return "", err
	}
	if err := checkAcks(f.Acks); err != nil {
		return "", err
	}
	allAcks := f.Acks == "" || f.Acks == "all" || f.Acks == "-1"
	if f.Idempotence && !allAcks {
		// Kafka's own ConfigException, so the form teaches the rule.
		return "", errors.New("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.")
	}
	if f.RatePerSec < 0 || f.RatePerSec > 100000 {
		return "", fmt.Errorf("the rate must be between 0 and 100000 records a second, not %d", f.RatePerSec)
	}
	for _, k := range f.Keys {
		if k == "" || k != strings.TrimSpace(k) || strings.ContainsAny(k, ",\r\n") {
			return "", fmt.Errorf("%q cannot be a key here: keys are a comma-separated list, without spaces around them", k)
		}
	}
	words := []string{"producer", "add", cli.Quote(f.Name), "--topic", cli.Quote(f.Topic)}
	if f.Acks != "" {
		words = append(words, "--producer-property", "acks="+f.Acks)
	}
	if f.Idempotence {
		words = append(words, "--producer-property", "enable.idempotence=true")
	} else if allAcks {
		words = append(words, "--producer-property", "enable.idempotence=false")
	}
	if f.RatePerSec > 0 {
		words = append(words, "--rate", strconv.Itoa(f.RatePerSec))
	}
	if len(f.Keys) > 0 {
		words = append(words, "--keys", cli.Quote(strings.Join(f.Keys, ",")))
	}
	return strings.Join(words, " "), nil
}

// ConsumerForm adds a consumer to Group, subscribed to Topic (a comma-separated list is
// allowed, as with --topic), using Assignor (empty: Kafka's default, range then
// cooperative-sticky).
type ConsumerForm struct {
	Name, Group, Topic, Assignor string
}

// assignors are the partition.assignment.strategy short names the engine knows.
var assignors = []string{"range", "roundrobin", "sticky", "cooperative-sticky"}

// Command is the `consumer add` line.
func (f ConsumerForm) Command() (string, error) {
	if err := checkClientName("consumer", f.Name); err != nil {
		return "", err
	}
	if strings.TrimSpace(f.Group) == "" {
		return "", errors.New("a consumer needs a group id")
	}
	if strings.ContainsAny(f.Group, "\r\n") {
		return "", errors.New("the group id must be on one line")
	}
	topics := strings.Split(f.Topic, ",")
	for _, t := range topics {
		if err := ValidateTopicName(t); err != nil {
			return "", err
		}
	}
	if f.Assignor != "" && !slices.Contains(assignors, f.Assignor) {
		return "", fmt.Errorf("the assignor must be one of %s, not %q", strings.Join(assignors, ", "), f.Assignor)
	}
	words := []string{"consumer", "add", cli.Quote(f.Name), "--group", cli.Quote(f.Group), "--topic", cli.Quote(f.Topic)}
	if f.Assignor != "" {
		words = append(words, "--consumer-property", "partition.assignment.strategy="+f.Assignor)
	}
	return strings.Join(words, " "), nil
}

func checkClientName(kind, name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("a %s needs a name", kind)
	}
	if strings.ContainsAny(name, "\r\n") {
		return fmt.Errorf("a %s's name must be on one line", kind)
	}
	return nil
}
