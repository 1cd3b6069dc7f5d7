package cli

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{
		name:    "kafka-topics",
		summary: "create, list, describe, alter and delete topics",
		usage: `kafka-topics.sh --bootstrap-server localhost:9092 ACTION [OPTIONS]
  --create --topic T [--partitions N] [--replication-factor R] [--config k=v]... [--if-not-exists]
  --list [--exclude-internal]
  --describe [--topic T] [--under-replicated-partitions] [--unavailable-partitions]
             [--under-min-isr-partitions] [--at-min-isr-partitions] [--topics-with-overrides]
  --alter --topic T --partitions N       (partitions can only grow)
  --delete --topic T [--if-exists]
--topic accepts a regular expression except with --create.`,
		run: runTopics,
	})
}

var topicsFlags = map[string]flagSpec{
	"create": {}, "list": {}, "describe": {}, "alter": {}, "delete": {},
	"topic": {value: true}, "partitions": {value: true}, "replication-factor": {value: true},
	"config": {value: true, repeat: true}, "if-not-exists": {}, "if-exists": {}, "exclude-internal": {},
	"under-replicated-partitions": {}, "unavailable-partitions": {}, "under-min-isr-partitions": {},
	"at-min-isr-partitions": {}, "topics-with-overrides": {}, "replica-assignment": {value: true},
}

// topicErr wraps an error in the tool's own wording.
func topicErr(err error) error {
	return fmt.Errorf("Error while executing topic command : %s", strings.TrimPrefix(err.Error(), "Error while executing topic command : "))
}

func runTopics(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-topics", args, topicsFlags)
	if err != nil {
		return err
	}
	var actions []string
	for _, a := range []string{"create", "list", "describe", "alter", "delete"} {
		if f.has(a) {
			actions = append(actions, a)
		}
	}
	if len(actions) != 1 {
		return errors.New("Command must include exactly one action: --list, --describe, --create, --alter or --delete")
	}
	if f.has("replica-assignment") {
		return errors.New("--replica-assignment is not supported by the playground; replicas are placed the way Kafka places them")
	}
	switch actions[0] {
	case "create":
		return topicsCreate(sh, f, out)
	case "list":
		for _, t := range sh.sim.View().Topics {
			if f.has("exclude-internal") && strings.HasPrefix(t.Name, "__") {
				continue
			}
			fmt.Fprintln(out, t.Name)
		}
		return nil
	case "describe":
		return topicsDescribe(sh, f, out)
	case "alter":
		names, err := matchTopics(sh, f, false)
		if err != nil {
			return err
		}
		if !f.has("partitions") {
			return topicErr(errors.New("--partitions is required to alter a topic (only the partition count can be changed here; use kafka-configs.sh for configs)"))
		}
		n, err := parseInt("partitions", f.get("partitions"), 1)
		if err != nil {
			return topicErr(err)
		}
		// A regular expression may match several topics: check them all before changing any,
		// so a failure leaves every topic as it was.
		v := sh.sim.View()
		for _, name := range names {
			if t, _ := v.Topic(name); len(names) > 1 && int(n) <= len(t.Partitions) {
				return topicErr(fmt.Errorf("Topic %s currently has %d partitions, which is not fewer than the requested %d.", name, len(t.Partitions), n))
			}
		}
		for _, name := range names {
			if err := sh.sim.CreatePartitions(name, int(n)); err != nil {
				return topicErr(err)
			}
		}
		return nil
	default: // delete
		names, err := matchTopics(sh, f, f.has("if-exists"))
		if err != nil {
			return err
		}
		for _, name := range names {
			if err := sh.sim.DeleteTopic(name); err != nil {
				return topicErr(err)
			}
		}
		return nil
	}
}

func topicsCreate(sh *Shell, f parsedFlags, out *strings.Builder) error {
	name := f.get("topic")
	if !f.has("topic") {
		return errors.New(`Missing required argument "[topic]"`)
	}
	req := engine.CreateTopicRequest{Name: name}
	if f.has("partitions") {
		n, err := strconv.Atoi(f.get("partitions"))
		if err != nil || n < 1 {
			return topicErr(errors.New("The partitions must be greater than 0"))
		}
		req.Partitions = n
	}
	if f.has("replication-factor") {
		n, err := strconv.Atoi(f.get("replication-factor"))
		if err != nil || n < 1 {
			return topicErr(errors.New("The replication factor must be greater than 0"))
		}
		req.ReplicationFactor = n
	}
	cfg, err := keyValues("config", f.all("config"))
	if err != nil {
		return topicErr(err)
	}
	req.Configs = cfg
	if f.has("if-not-exists") {
		if _, ok := sh.sim.View().Topic(name); ok {
			return nil
		}
	}
	if err := sh.sim.CreateTopic(req); err != nil {
		return topicErr(err)
	}
	if strings.ContainsAny(name, "._") {
		fmt.Fprintln(out, "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.")
	}
	fmt.Fprintf(out, "Created topic %s.\n", name)
	return nil
}

// matchTopics resolves --topic (a name or a regular expression) to existing topics.
func matchTopics(sh *Shell, f parsedFlags, ifExists bool) ([]string, error) {
	if !f.has("topic") {
		return nil, errors.New(`Missing required argument "[topic]"`)
	}
	pat := f.get("topic")
	var names []string
	match, reErr := compileTopicPattern(pat)
	for _, t := range sh.sim.View().Topics {
		if t.Name == pat || reErr == nil && match(t.Name) {
			names = append(names, t.Name)
		}
	}
	if len(names) == 0 && !ifExists {
		return nil, topicErr(fmt.Errorf("Topic '%s' does not exist as expected", pat))
	}
	return names, nil
}

func topicsDescribe(sh *Shell, f parsedFlags, out *strings.Builder) error {
	v := sh.sim.View()
	var names []string
	if f.has("topic") {
		var err error
		if names, err = matchTopics(sh, f, false); err != nil {
			return err
		}
	} else {
		for _, t := range v.Topics {
			names = append(names, t.Name)
		}
	}
	filters := f.has("under-replicated-partitions") || f.has("unavailable-partitions") ||
		f.has("under-min-isr-partitions") || f.has("at-min-isr-partitions")
	for _, name := range names {
		t, _ := v.Topic(name)
		if f.has("topics-with-overrides") && len(t.Configs) == 0 {
			continue
		}
		if !filters {
			fmt.Fprintln(out, DescribeTopicSummary(t))
			if f.has("topics-with-overrides") {
				continue
			}
		}
		for _, p := range t.Partitions {
			switch {
			case f.has("under-replicated-partitions") && !p.UnderReplicated,
				f.has("unavailable-partitions") && !p.Offline,
				f.has("under-min-isr-partitions") && !p.UnderMinISR,
				f.has("at-min-isr-partitions") && len(p.ISR) != p.MinInsyncReplica:
				continue
			}
			fmt.Fprintln(out, DescribeTopicPartition(p))
		}
	}
	return nil
}

// DescribeTopicSummary is kafka-topics --describe's topic line in the 4.x format.
func DescribeTopicSummary(t engine.TopicView) string {
	keys := make([]string, 0, len(t.Configs))
	for k := range t.Configs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	cfg := make([]string, len(keys))
	for i, k := range keys {
		cfg[i] = k + "=" + t.Configs[k]
	}
	return fmt.Sprintf("Topic: %s\tTopicId: %s\tPartitionCount: %d\tReplicationFactor: %d\tConfigs: %s",
		t.Name, t.TopicID, len(t.Partitions), t.ReplicationFactor, strings.Join(cfg, ","))
}

// DescribeTopicPartition is kafka-topics --describe's partition line in the 4.x format, with
// the (empty) ELR columns that Kafka 4.x prints when eligible leader replicas are off.
func DescribeTopicPartition(p engine.PartitionView) string {
	leader := "none"
	if p.Leader >= 0 {
		leader = strconv.Itoa(int(p.Leader))
	}
	return fmt.Sprintf("\tTopic: %s\tPartition: %d\tLeader: %s\tReplicas: %s\tIsr: %s\tElr: \tLastKnownElr: ",
		p.Topic, p.Partition, leader, joinInts(p.Replicas), joinInts(p.ISR))
}

func joinInts(ids []int32) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return strings.Join(parts, ",")
}
