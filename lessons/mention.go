package lessons

import (
	"fmt"
	"strconv"
	"strings"
)

// Mention is a named element of the cluster that a step's narration talks about, so that the
// browser can highlight it: `broker 2`, `partition orders-1`, `record orders-0@3`, `group
// billing`. Only the fields of its Kind are set.
type Mention struct {
	Kind      string // broker, controller, topic, partition, record, group, consumer or producer
	Broker    int32  // broker and controller ids
	Topic     string // topic, partition, record
	Partition int32  // partition, record
	Offset    int64  // record
	Name      string // group, consumer, producer
}

// String renders the mention as it is written in a lesson file.
func (m Mention) String() string {
	switch m.Kind {
	case "broker", "controller":
		return fmt.Sprintf("%s %d", m.Kind, m.Broker)
	case "topic":
		return "topic " + m.Topic
	case "partition":
		return fmt.Sprintf("partition %s-%d", m.Topic, m.Partition)
	case "record":
		return fmt.Sprintf("record %s-%d@%d", m.Topic, m.Partition, m.Offset)
	}
	return m.Kind + " " + m.Name
}

var mentionKinds = []string{"broker", "controller", "topic", "partition", "record", "group", "consumer", "producer"}

// ParseMention reads one highlight entry.
func ParseMention(s string) (Mention, error) {
	kind, name, ok := strings.Cut(strings.TrimSpace(s), " ")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return Mention{}, fmt.Errorf("highlight %q: write KIND NAME, for example `broker 2` or `partition orders-1` (kinds: %s)",
			s, strings.Join(mentionKinds, ", "))
	}
	m := Mention{Kind: kind}
	switch kind {
	case "broker", "controller":
		id, err := strconv.ParseInt(name, 10, 32)
		if err != nil || id < 0 {
			return Mention{}, fmt.Errorf("highlight %q: %s id %q is not a number", s, kind, name)
		}
		m.Broker = int32(id)
	case "topic":
		if strings.ContainsAny(name, " \t") {
			return Mention{}, fmt.Errorf("highlight %q: a topic name has no spaces", s)
		}
		m.Topic = name
	case "partition":
		t, p, err := parseTopicPartition(name)
		if err != nil {
			return Mention{}, fmt.Errorf("highlight %q: %v", s, err)
		}
		m.Topic, m.Partition = t, p
	case "record":
		tp, off, ok := strings.Cut(name, "@")
		if !ok {
			return Mention{}, fmt.Errorf("highlight %q: write a record as TOPIC-PARTITION@OFFSET, for example orders-0@3", s)
		}
		t, p, err := parseTopicPartition(tp)
		if err != nil {
			return Mention{}, fmt.Errorf("highlight %q: %v", s, err)
		}
		o, err := strconv.ParseInt(off, 10, 64)
		if err != nil || o < 0 {
			return Mention{}, fmt.Errorf("highlight %q: offset %q is not a number", s, off)
		}
		m.Topic, m.Partition, m.Offset = t, p, o
	case "group", "consumer", "producer":
		if strings.ContainsAny(name, " \t") {
			return Mention{}, fmt.Errorf("highlight %q: a %s name has no spaces", s, kind)
		}
		m.Name = name
	default:
		return Mention{}, fmt.Errorf("highlight %q: unknown kind %q (kinds: %s)", s, kind, strings.Join(mentionKinds, ", "))
	}
	return m, nil
}

// parseTopicPartition splits "orders-1" at its last dash, as Kafka names partitions.
func parseTopicPartition(s string) (string, int32, error) {
	i := strings.LastIndexByte(s, '-')
	if i <= 0 || i == len(s)-1 {
		return "", 0, fmt.Errorf("%q is not a partition: write TOPIC-PARTITION, for example orders-1", s)
	}
	p, err := strconv.ParseInt(s[i+1:], 10, 32)
	if err != nil || p < 0 {
		return "", 0, fmt.Errorf("%q is not a partition: %q is not a partition number", s, s[i+1:])
	}
	return s[:i], int32(p), nil
}
