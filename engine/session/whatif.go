package session

import (
	"fmt"
	"strconv"
	"strings"
)

// The what-if comparison answers "what would this run have done with acks=1 instead?": the
// learner's own command log is replayed twice from the same setup, each time rewritten so that
// it uses one setting (an Override), and the two runs are compared step by step. Because the
// engine is deterministic, the only thing that can make the two runs differ is the setting.

// Names of the settings an Override can set. They are Kafka's own config names, so that a
// learner who reads "acks" here finds the same word in the console and in Kafka's docs.
const (
	OverrideAcks          = "acks"
	OverrideUnclean       = "unclean.leader.election.enable"
	OverrideMinISR        = "min.insync.replicas"
	OverrideAssignor      = "partition.assignment.strategy"
	maxOverrideMinISR int = 12 // a topic has at most as many replicas as there are brokers
)

// Assignors are the partition.assignment.strategy values an Override may use, in the order the
// console's help lists them.
var Assignors = []string{"range", "roundrobin", "sticky", "cooperative-sticky"}

// Override is one setting applied to a whole run: Name is Kafka's config name and Value its
// value, normalised (acks "-1" is "all"). It is plain data so that the UI can keep it and a
// test can write it down.
type Override struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ParseOverride reads "name=value" ("acks=1", "min.insync.replicas=2"); "assignor" is accepted
// for partition.assignment.strategy and "unclean" for unclean.leader.election.enable.
func ParseOverride(s string) (Override, error) {
	name, value, ok := strings.Cut(strings.TrimSpace(s), "=")
	if !ok {
		return Override{}, fmt.Errorf("%q is not a setting: write name=value, for example acks=1", s)
	}
	switch name = strings.TrimSpace(name); name {
	case "assignor":
		name = OverrideAssignor
	case "unclean":
		name = OverrideUnclean
	}
	o := Override{Name: name, Value: strings.TrimSpace(value)}
	if o.Name == OverrideAcks && o.Value == "-1" {
		o.Value = "all"
	}
	return o, o.Validate()
}

// Validate says, in the words Kafka's ConfigException uses, what is wrong with an override.
func (o Override) Validate() error {
	switch o.Name {
	case OverrideAcks:
		switch o.Value {
		case "0", "1", "all":
			return nil
		}
		return fmt.Errorf("Invalid value %s for configuration acks: String must be one of: all, 0, 1", o.Value)
	case OverrideUnclean:
		if o.Value == "true" || o.Value == "false" {
			return nil
		}
		return fmt.Errorf("Invalid value %s for configuration unclean.leader.election.enable: Expected value to be either true or false", o.Value)
	case OverrideMinISR:
		if n, err := strconv.Atoi(o.Value); err == nil && n >= 1 && n <= maxOverrideMinISR {
			return nil
		}
		return fmt.Errorf("Invalid value %s for configuration min.insync.replicas: must be a number from 1 to %d", o.Value, maxOverrideMinISR)
	case OverrideAssignor:
		for _, a := range Assignors {
			if o.Value == a {
				return nil
			}
		}
		return fmt.Errorf("Invalid value %s for configuration partition.assignment.strategy: use %s", o.Value, strings.Join(Assignors, ", "))
	}
	return fmt.Errorf("%q cannot be compared: the what-if comparison knows %s, %s, %s and %s",
		o.Name, OverrideAcks, OverrideUnclean, OverrideMinISR, OverrideAssignor)
}

// String is the override as a config line: "acks=1".
func (o Override) String() string { return o.Name + "=" + o.Value }

// Label is the override as the comparison names it in column titles and sentences ("with
// acks=1, ..."): short, and in the words the lessons use.
func (o Override) Label() string {
	switch o.Name {
	case OverrideUnclean:
		if o.Value == "true" {
			return "unclean election on"
		}
		return "unclean election off"
	case OverrideAssignor:
		return o.Value
	}
	return o.String()
}

// Preset is a ready-made comparison: the two sides and what the pair is called.
type Preset struct {
	Label string
	A, B  Override
	// About says in one sentence what the pair shows, for the picker.
	About string
}

// Presets are the comparisons the UI offers, each one a lesson's question: what acks buys,
// what an unclean election costs, what min.insync.replicas refuses, and how two assignors
// share partitions out. The first is the durability lesson's, and the UI opens it by default.
func Presets() []Preset {
	return []Preset{
		{Label: "acks=1 vs acks=all", A: Override{OverrideAcks, "1"}, B: Override{OverrideAcks, "all"},
			About: "Every producer of the run uses acks=1 on one side and acks=all on the other."},
		{Label: "unclean election on vs off", A: Override{OverrideUnclean, "true"}, B: Override{OverrideUnclean, "false"},
			About: "Every topic allows unclean leader election on one side and forbids it on the other."},
		{Label: "min.insync.replicas 1 vs 2", A: Override{OverrideMinISR, "1"}, B: Override{OverrideMinISR, "2"},
			About: "Every topic requires one in-sync replica on one side and two on the other."},
		{Label: "range vs cooperative-sticky", A: Override{OverrideAssignor, "range"}, B: Override{OverrideAssignor, "cooperative-sticky"},
			About: "Every group consumer uses the range assignor on one side and cooperative-sticky on the other."},
	}
}
