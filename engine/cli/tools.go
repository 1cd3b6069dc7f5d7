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
		name:    "kafka-get-offsets",
		summary: "print each partition's offset: the high watermark by default",
		usage: `kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic T [--partitions 0,1] [--time latest|earliest|-1|-2|TIMESTAMP_MS]
Prints TOPIC:PARTITION:OFFSET per partition. "latest" (-1) is the high watermark, the end a
consumer can read to; "earliest" (-2) is the log start offset.`,
		run: runGetOffsets,
	})
	register(&command{
		name:    "kafka-leader-election",
		summary: "run a preferred or unclean leader election",
		usage: `kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type preferred|unclean
  (--all-topic-partitions | --topic T --partition P)`,
		run: runLeaderElection,
	})
	register(&command{
		name:    "kafka-configs",
		summary: "describe or change topic configs",
		usage: `kafka-configs.sh --bootstrap-server localhost:9092 --entity-type topics --entity-name T --describe
kafka-configs.sh --bootstrap-server localhost:9092 --entity-type topics --entity-name T --alter
  [--add-config k=v,k2=[a,b]] [--delete-config k,k2]
(--topic T is accepted for --entity-type topics --entity-name T)`,
		run: runConfigs,
	})
	register(&command{
		name:    "kafka-metadata-quorum",
		summary: "describe the KRaft controller quorum",
		usage:   `kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status|--replication`,
		run:     runMetadataQuorum,
	})
}

func runGetOffsets(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-get-offsets", args, map[string]flagSpec{
		"topic": {value: true}, "partitions": {value: true}, "time": {value: true}, "exclude-internal-topics": {}})
	if err != nil {
		return err
	}
	v := sh.sim.View()
	var topics []engine.TopicView
	if f.has("topic") {
		names, err := matchTopics(sh, f, false)
		if err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "Error while executing topic command : "))
		}
		for _, n := range names {
			t, _ := v.Topic(n)
			topics = append(topics, t)
		}
	} else {
		topics = v.Topics
	}
	var only map[int32]bool
	if f.has("partitions") {
		only = map[int32]bool{}
		for _, s := range strings.Split(f.get("partitions"), ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 {
				return fmt.Errorf("Invalid --partitions %q: expected a comma-separated list of partition numbers", f.get("partitions"))
			}
			only[int32(n)] = true
		}
	}
	spec := "latest"
	if f.has("time") {
		spec = f.get("time")
	}
	var ts int64
	switch spec {
	case "latest", "-1":
		spec = "latest"
	case "earliest", "-2":
		spec = "earliest"
	default:
		if ts, err = strconv.ParseInt(spec, 10, 64); err != nil || ts < 0 {
			return fmt.Errorf("Malformed time argument %s. Please use -1 or latest / -2 or earliest / a timestamp in ms", spec)
		}
		spec = "timestamp"
	}
	for _, t := range topics {
		if f.has("exclude-internal-topics") && strings.HasPrefix(t.Name, "__") {
			continue
		}
		for _, p := range t.Partitions {
			if only != nil && !only[p.Partition] {
				continue
			}
			if p.Leader < 0 {
				continue // ListOffsets fails without a leader; the tool prints nothing for it
			}
			off := p.HighWatermark
			switch spec {
			case "earliest":
				off = p.LogStartOffset
			case "timestamp":
				off = -1
				for _, rs := range p.ReplicaStates {
					if rs.Broker != p.Leader {
						continue
					}
					for _, r := range rs.Records {
						if r.Offset < p.HighWatermark && r.Timestamp >= ts {
							off = r.Offset
							break
						}
					}
				}
				if off < 0 {
					continue
				}
			}
			fmt.Fprintf(out, "%s:%d:%d\n", t.Name, p.Partition, off)
		}
	}
	return nil
}

func runLeaderElection(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-leader-election", args, map[string]flagSpec{
		"election-type": {value: true}, "all-topic-partitions": {}, "topic": {value: true}, "partition": {value: true}, "path-to-json-file": {value: true}})
	if err != nil {
		return err
	}
	typ := engine.ElectionType(strings.ToUpper(f.get("election-type")))
	if typ != engine.ElectionPreferred && typ != engine.ElectionUnclean {
		return errors.New("Missing required option(s) [election-type]: use --election-type preferred or unclean")
	}
	if f.has("path-to-json-file") {
		return errors.New("--path-to-json-file is not supported by the playground; use --topic and --partition or --all-topic-partitions")
	}
	var parts []engine.TopicPartition
	switch {
	case f.has("all-topic-partitions") && (f.has("topic") || f.has("partition")):
		return errors.New("--all-topic-partitions cannot be used with --topic or --partition")
	case f.has("all-topic-partitions"):
	case f.has("topic") && f.has("partition"):
		p, err := parseInt("partition", f.get("partition"), 0)
		if err != nil {
			return err
		}
		parts = []engine.TopicPartition{{Topic: f.get("topic"), Partition: int32(p)}}
	default:
		return errors.New("One and only one of the following options is required: --all-topic-partitions, --topic with --partition")
	}
	results, err := sh.sim.ElectLeaders(typ, parts)
	if err != nil {
		return err
	}
	var elected, already, failed []string
	for _, r := range results {
		name := fmt.Sprintf("%s-%d", r.Topic, r.Partition)
		switch {
		case r.Elected:
			elected = append(elected, name)
		case r.AlreadyElected:
			if parts != nil {
				already = append(already, name)
			}
		default:
			failed = append(failed, fmt.Sprintf("Error completing leader election (%s) for partition: %s: %s", typ, name, r.Err))
		}
	}
	// LeaderElectionCommand prints the successes, then the no-ops, then the failures.
	if len(elected) > 0 {
		fmt.Fprintf(out, "Successfully completed leader election (%s) for partitions %s\n", typ, strings.Join(elected, ", "))
	}
	if len(already) > 0 {
		fmt.Fprintf(out, "Valid replica already elected for partitions %s\n", strings.Join(already, ", "))
	}
	for _, line := range failed {
		fmt.Fprintln(out, line)
	}
	// With --all-topic-partitions the controller leaves out partitions that already have the
	// desired leader (ELECTION_NOT_NEEDED), and LeaderElectionCommand prints only non-empty
	// lists, so a run with nothing to do prints nothing at all.
	return nil
}

func runConfigs(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-configs", args, map[string]flagSpec{
		"entity-type": {value: true}, "entity-name": {value: true}, "topic": {value: true}, "describe": {}, "alter": {},
		"add-config": {value: true, repeat: true}, "delete-config": {value: true, repeat: true}, "all": {}})
	if err != nil {
		return err
	}
	name := f.get("entity-name")
	if f.has("topic") {
		name = f.get("topic")
	} else if et := f.get("entity-type"); et != "topics" {
		return fmt.Errorf("--entity-type %q is not supported by the playground; only topics have configs here", et)
	}
	if name == "" {
		return errors.New("--entity-name (or --topic) is required")
	}
	if f.has("describe") == f.has("alter") {
		return errors.New("Command must include exactly one action: --describe, --alter")
	}
	t, ok := sh.sim.View().Topic(name)
	if !ok {
		return fmt.Errorf("org.apache.kafka.common.errors.UnknownTopicOrPartitionException: The topic '%s' does not exist.", name)
	}
	if f.has("describe") {
		keys := make([]string, 0, len(t.Configs))
		for k := range t.Configs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if f.has("all") {
			// --all adds every config with its default, as DescribeConfigs does.
			fmt.Fprintf(out, "All configs for topic %s are:\n", name)
			for _, k := range engine.TopicConfigNames() {
				if v, ok := t.Configs[k]; ok {
					fmt.Fprintf(out, "  %s=%s sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:%s=%s, DEFAULT_CONFIG:%s=%s}\n", k, v, k, v, k, engine.TopicConfigDefault(k))
				} else {
					fmt.Fprintf(out, "  %s=%s sensitive=false synonyms={DEFAULT_CONFIG:%s=%s}\n", k, engine.TopicConfigDefault(k), k, engine.TopicConfigDefault(k))
				}
			}
			return nil
		}
		fmt.Fprintf(out, "Dynamic configs for topic %s are:\n", name)
		for _, k := range keys {
			fmt.Fprintf(out, "  %s=%s sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:%s=%s}\n", k, t.Configs[k], k, t.Configs[k])
		}
		return nil
	}
	set := map[string]string{}
	for _, add := range f.all("add-config") {
		for _, kv := range SplitConfigList(add) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return fmt.Errorf("Invalid --add-config %q: expected k=v pairs separated by commas", add)
			}
			set[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), "[]")
		}
	}
	var del []string
	for _, d := range f.all("delete-config") {
		for _, k := range strings.Split(d, ",") {
			del = append(del, strings.TrimSpace(k))
		}
	}
	if len(set) == 0 && len(del) == 0 {
		return errors.New("--alter needs --add-config or --delete-config")
	}
	if err := sh.sim.AlterTopicConfigs(name, set, del); err != nil {
		return err
	}
	fmt.Fprintf(out, "Completed updating config for topic %s.\n", name)
	return nil
}

// SplitConfigList splits k=v,k2=[a,b] at commas outside square brackets, as kafka-configs
// reads --add-config.
func SplitConfigList(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func runMetadataQuorum(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-metadata-quorum", args, map[string]flagSpec{"status": {}, "replication": {}, "human-readable": {}})
	if err != nil {
		return err
	}
	if len(f.args) != 1 || f.args[0] != "describe" || f.has("status") == f.has("replication") {
		return errors.New("usage: kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status|--replication")
	}
	v := sh.sim.View()
	// DescribeQuorum is answered by the quorum's leader. Without one (no majority, or an
	// election still running) the request cannot complete and the tool times out; it never
	// prints a status with LeaderId -1.
	if v.ActiveController < 0 {
		return errors.New("org.apache.kafka.common.errors.TimeoutException: Call(callName=describeMetadataQuorum) timed out: the controller quorum has no leader")
	}
	var voters, observers []string
	for _, c := range v.Controllers {
		voters = append(voters, strconv.Itoa(int(c.ID)))
	}
	for _, b := range v.Brokers {
		observers = append(observers, strconv.Itoa(int(b.ID)))
	}
	leader := strconv.Itoa(int(v.ActiveController))
	if f.has("status") {
		fmt.Fprintf(out, "ClusterId:              %s\n", "kafka-playground")
		fmt.Fprintf(out, "LeaderId:               %s\n", leader)
		fmt.Fprintf(out, "LeaderEpoch:            %d\n", v.ControllerEpoch)
		fmt.Fprintf(out, "HighWatermark:          %d\n", v.EventCount)
		fmt.Fprintf(out, "MaxFollowerLag:         0\n")
		fmt.Fprintf(out, "MaxFollowerLagTimeMs:   0\n")
		fmt.Fprintf(out, "CurrentVoters:          [%s]\n", strings.Join(voters, ","))
		fmt.Fprintf(out, "CurrentObservers:       [%s]\n", strings.Join(observers, ","))
		return nil
	}
	fmt.Fprintln(out, "NodeId\tDirectoryId\tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus")
	for _, c := range v.Controllers {
		status := "Follower"
		if c.Active {
			status = "Leader"
		}
		if c.Status != engine.BrokerRunning || c.Isolated {
			status = "Unreachable"
		}
		fmt.Fprintf(out, "%d\t-\t%d\t0\t-\t-\t%s\n", c.ID, v.EventCount, status)
	}
	for _, b := range v.Brokers {
		status := "Observer"
		if b.State != "up" {
			status = "Unreachable"
		}
		fmt.Fprintf(out, "%d\t-\t%d\t0\t-\t-\t%s\n", b.ID, v.EventCount, status)
	}
	return nil
}
