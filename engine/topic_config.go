package engine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// topicConfigDef is one topic-level config: its Kafka default and how to check a value.
type topicConfigDef struct {
	def   string
	check func(v string) error
	doc   string
}

func checkLong(min int64) func(string) error {
	return func(v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("value %q is not a number", v)
		}
		if n < min {
			return fmt.Errorf("value %d is less than the minimum %d", n, min)
		}
		return nil
	}
}

func checkBool(v string) error {
	if v != "true" && v != "false" {
		return fmt.Errorf("value %q is not true or false", v)
	}
	return nil
}

func checkRatio(v string) error {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1 {
		return fmt.Errorf("value %q is not a number between 0 and 1", v)
	}
	return nil
}

func checkCleanupPolicy(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p != "delete" && p != "compact" {
			return fmt.Errorf("invalid value %q: it must be delete, compact or delete,compact", v)
		}
	}
	return nil
}

// topicConfigDefs lists the topic configs the playground knows, with Kafka 4.x defaults.
// segment.bytes keeps Kafka's default, but the playground lets it go down to 100 bytes (Kafka
// 4.0's minimum is 1 MiB) so that segments are visible at teaching scale.
var topicConfigDefs = map[string]topicConfigDef{
	"cleanup.policy":                 {"delete", checkCleanupPolicy, "delete, compact or delete,compact"},
	"delete.retention.ms":            {"86400000", checkLong(0), "how long tombstones survive compaction"},
	"max.compaction.lag.ms":          {"9223372036854775807", checkLong(1), "longest a record waits to be compacted"},
	"min.cleanable.dirty.ratio":      {"0.5", checkRatio, "dirty share of the log that triggers compaction"},
	"min.compaction.lag.ms":          {"0", checkLong(0), "shortest time a record stays uncompacted"},
	"min.insync.replicas":            {"1", checkLong(1), "in-sync replicas needed for acks=all writes"},
	"retention.bytes":                {"-1", checkLong(-1), "size limit per partition (-1: none)"},
	"retention.ms":                   {"604800000", checkLong(-1), "time limit (-1: none)"},
	"segment.bytes":                  {"1073741824", checkLong(100), "segment size before a roll"},
	"segment.ms":                     {"604800000", checkLong(1), "segment age before a roll"},
	"unclean.leader.election.enable": {"false", checkBool, "allow out-of-sync replicas to become leader"},
}

// TopicConfigNames lists the known topic configs, sorted.
func TopicConfigNames() []string {
	names := make([]string, 0, len(topicConfigDefs))
	for k := range topicConfigDefs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// TopicConfigDefault is a topic config's Kafka default ("" for an unknown name).
func TopicConfigDefault(name string) string { return topicConfigDefs[name].def }

func validateTopicConfigs(cfg map[string]string) error {
	for _, k := range sortedKeys(cfg) {
		def, ok := topicConfigDefs[k]
		if !ok {
			return cmdErr(fmt.Sprintf("Unknown topic config name: %s", k))
		}
		if err := def.check(cfg[k]); err != nil {
			return cmdErr(fmt.Sprintf("Invalid value %s for configuration %s: %v", cfg[k], k, err))
		}
	}
	return nil
}

func topicValue(t *topic, name string) string {
	if v, ok := t.configs[name]; ok {
		return v
	}
	return topicConfigDefs[name].def
}

func topicBool(t *topic, name string) bool { return topicValue(t, name) == "true" }

func topicInt(t *topic, name string) int64 {
	n, _ := strconv.ParseInt(topicValue(t, name), 10, 64)
	return n
}

// effectiveMinISR is min(min.insync.replicas, replication factor), as Kafka computes it since 3.7.
func effectiveMinISR(t *topic, p *partition) int {
	m := int(topicInt(t, "min.insync.replicas"))
	if m > len(p.replicas) {
		m = len(p.replicas)
	}
	return m
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
