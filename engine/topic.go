package engine

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine/placement"
)

// CreateTopicRequest is kafka-topics --create. Partitions or ReplicationFactor of 0 take the
// broker defaults (num.partitions, default.replication.factor), as in Kafka since 2.4.
type CreateTopicRequest struct {
	Name              string
	Partitions        int
	ReplicationFactor int
	Configs           map[string]string
}

func validTopicName(name string) error {
	if name == "" {
		return cmdErr("Topic name is illegal, it can't be empty")
	}
	if name == "." || name == ".." {
		return cmdErr("Topic name cannot be \".\" or \"..\"")
	}
	if len(name) > 249 {
		return cmdErr(fmt.Sprintf("Topic name is illegal, it can't be longer than 249 characters, topic name: %s", name))
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return cmdErr(fmt.Sprintf("Topic name \"%s\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'", name))
		}
	}
	return nil
}

func (s *Sim) needController() error {
	if s.active < 0 {
		return cmdErr("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. (The controller quorum has no active controller.)")
	}
	return nil
}

// unfencedBrokers are the brokers the controller may place replicas on, sorted.
func (s *Sim) unfencedBrokers() []int32 {
	var ids []int32
	for _, b := range s.brokers {
		if b.registered && !b.fenced {
			ids = append(ids, b.id)
		}
	}
	return ids
}

// CreateTopic creates a topic. Replicas are placed as Kafka's rack-unaware placement does
// (round robin from a random start), every replica starts in the ISR and the first replica of
// each partition leads.
func (s *Sim) CreateTopic(req CreateTopicRequest) error {
	if err := validTopicName(req.Name); err != nil {
		return err
	}
	if _, ok := s.topics[req.Name]; ok {
		return cmdErr(fmt.Sprintf("Topic '%s' already exists.", req.Name))
	}
	if err := s.needController(); err != nil {
		return err
	}
	n, rf := req.Partitions, req.ReplicationFactor
	if n == 0 {
		n = s.cfg.DefaultPartitions
	}
	if rf == 0 {
		rf = s.cfg.DefaultReplicationFactor
	}
	if n < 0 {
		return cmdErr("The partitions must be greater than 0")
	}
	if n > MaxPartitions {
		return cmdErr(fmt.Sprintf("The playground supports at most %d partitions per topic", MaxPartitions))
	}
	if rf < 0 {
		return cmdErr("Replication factor must be larger than 0.")
	}
	if err := validateTopicConfigs(req.Configs); err != nil {
		return err
	}
	brokers := s.unfencedBrokers()
	if len(brokers) == 0 {
		return cmdErr(fmt.Sprintf("Unable to replicate the partition %d time(s): The target replication factor of %d cannot be reached because only 0 broker(s) are registered.", rf, rf))
	}
	saved := *s.pcg // the placement draws come first; a command that fails must not use them up
	assignment, err := placement.AssignReplicas(brokers, n, rf, s.rng.IntN(len(brokers)), s.rng.IntN(len(brokers)), 0)
	if err != nil {
		*s.pcg = saved
		return cmdErr(err.Error())
	}
	t := &topic{name: req.Name, id: s.newUUID(), configs: maps.Clone(req.Configs)}
	if t.configs == nil {
		t.configs = map[string]string{}
	}
	s.topics[t.name] = t
	s.order = append(s.order, t.name)
	sort.Strings(s.order)
	s.addPartitions(t, assignment)
	extra := ""
	if len(t.configs) > 0 {
		extra = " and configs " + formatConfigs(t.configs)
	}
	s.emit(EventTopicCreated, fmt.Sprintf("topic %s was created with %d partition(s), replication factor %d%s",
		t.name, n, rf, extra), onTopic(t.name))
	s.observe()
	return nil
}

func (s *Sim) addPartitions(t *topic, assignment [][]int32) {
	for _, replicas := range assignment {
		p := &partition{topic: t.name, id: int32(len(t.partitions)), replicas: replicas,
			isr: slices.Clone(replicas), leader: replicas[0]}
		for _, b := range replicas {
			r := &replica{broker: b, knownLeader: -1, knownEpoch: -1}
			r.log.segmentBytes, r.log.segmentMs = topicInt(t, "segment.bytes"), topicInt(t, "segment.ms")
			p.reps = append(p.reps, r)
		}
		t.partitions = append(t.partitions, p)
		s.propagate(p)
	}
}

// DeleteTopic deletes a topic and every record in it.
func (s *Sim) DeleteTopic(name string) error {
	if _, ok := s.topics[name]; !ok {
		return unknownTopic(name)
	}
	if strings.HasPrefix(name, "__") {
		return cmdErr(fmt.Sprintf("Topic %s is a kafka internal topic and is not allowed to be marked for deletion.", name))
	}
	if err := s.needController(); err != nil {
		return err
	}
	delete(s.topics, name)
	s.order = slices.DeleteFunc(s.order, func(n string) bool { return n == name })
	s.net = slices.DeleteFunc(s.net, func(m message) bool { return m.topic == name })
	for _, p := range s.producers {
		p.dropTopic(s, name)
	}
	for _, c := range s.consumers {
		c.dropTopic(name)
	}
	for _, g := range s.groups {
		s.dropGroupOffsets(g, name)
	}
	s.emit(EventTopicDeleted, fmt.Sprintf("topic %s was deleted", name), onTopic(name))
	s.observe()
	return nil
}

func unknownTopic(name string) error {
	return cmdErr(fmt.Sprintf("Topic '%s' does not exist as expected", name))
}

// CreatePartitions grows a topic to count partitions. Existing records stay where they are, so
// keys map to different partitions from now on (murmur2 % partitions).
func (s *Sim) CreatePartitions(name string, count int) error {
	t, ok := s.topics[name]
	if !ok {
		return unknownTopic(name)
	}
	old := len(t.partitions)
	if name == OffsetsTopic {
		return cmdErr("The number of partitions for the offsets topic cannot be changed.")
	}
	if count < old {
		return cmdErr(fmt.Sprintf("Topic currently has %d partitions, which is higher than the requested %d.", old, count))
	}
	if count == old {
		return cmdErr(fmt.Sprintf("Topic already has %d partitions.", old))
	}
	if count > MaxPartitions {
		return cmdErr(fmt.Sprintf("The playground supports at most %d partitions per topic", MaxPartitions))
	}
	if err := s.needController(); err != nil {
		return err
	}
	brokers := s.unfencedBrokers()
	rf := len(t.partitions[0].replicas)
	if len(brokers) == 0 {
		return cmdErr(fmt.Sprintf("Unable to replicate the partition %d time(s): The target replication factor of %d cannot be reached because only 0 broker(s) are registered.", rf, rf))
	}
	saved := *s.pcg // as in CreateTopic: a failed command leaves the PRNG where it was
	assignment, err := placement.AssignReplicas(brokers, count-old, rf, s.rng.IntN(len(brokers)), s.rng.IntN(len(brokers)), old)
	if err != nil {
		*s.pcg = saved
		return cmdErr(err.Error())
	}
	s.addPartitions(t, assignment)
	s.emit(EventPartitionsCreated, fmt.Sprintf("topic %s grew from %d to %d partitions; keys now hash over %d partitions",
		name, old, count, count), onTopic(name))
	s.observe()
	return nil
}

// AlterTopicConfigs sets and deletes topic config overrides (kafka-configs --alter).
func (s *Sim) AlterTopicConfigs(name string, set map[string]string, del []string) error {
	t, ok := s.topics[name]
	if !ok {
		return unknownTopic(name)
	}
	if err := validateTopicConfigs(set); err != nil {
		return err
	}
	for _, k := range del {
		if _, ok := topicConfigDefs[k]; !ok {
			return cmdErr(fmt.Sprintf("Unknown topic config name: %s", k))
		}
	}
	if err := s.needController(); err != nil {
		return err
	}
	for _, k := range sortedKeys(set) {
		t.configs[k] = set[k]
	}
	for _, k := range del {
		delete(t.configs, k)
	}
	for _, p := range t.partitions {
		for _, r := range p.reps {
			r.log.segmentBytes, r.log.segmentMs = topicInt(t, "segment.bytes"), topicInt(t, "segment.ms")
		}
	}
	var parts []string
	if len(set) > 0 {
		parts = append(parts, "set "+formatConfigs(set))
	}
	if len(del) > 0 {
		parts = append(parts, "removed "+strings.Join(del, ","))
	}
	s.emit(EventConfigChanged, fmt.Sprintf("topic %s configs changed: %s", name, strings.Join(parts, "; ")), onTopic(name))
	// Turning unclean election on lets the controller elect leaderless partitions now.
	if v, ok := set["unclean.leader.election.enable"]; ok && v == "true" {
		for _, p := range t.partitions {
			if p.leader < 0 {
				s.changePartition(t, p, -1, p.isr, "unclean.leader.election.enable was turned on")
			}
		}
	}
	s.observe()
	return nil
}

func formatConfigs(m map[string]string) string {
	var b strings.Builder
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + "=" + m[k])
	}
	return b.String()
}
