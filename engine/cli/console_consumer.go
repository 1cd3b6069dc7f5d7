package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{
		name:    "kafka-console-consumer",
		summary: "read records and print them",
		usage: `kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic T [OPTIONS]
  --from-beginning                     start at the log start offset instead of the end
  --partition P [--offset O|earliest|latest]
  --max-messages N                     wait (in simulated time) until N records have been read
  --timeout-ms MS                      give up after MS of simulated time
  --property print.key=true  print.partition=true  print.offset=true  print.timestamp=true
             print.headers=true  print.value=false  key.separator=S  null.literal=S
  --consumer-property k=v              auto.offset.reset, max.poll.records, fetch.max.wait.ms
Without --max-messages it reads everything below the high watermark and returns.`,
		run: runConsoleConsumer,
	})
}

var consoleConsumerFlags = map[string]flagSpec{
	"topic": {value: true}, "from-beginning": {}, "partition": {value: true}, "offset": {value: true},
	"max-messages": {value: true}, "timeout-ms": {value: true}, "property": {value: true, repeat: true},
	"consumer-property": {value: true, repeat: true}, "group": {value: true}, "isolation-level": {value: true},
	"skip-message-on-error": {},
}

// messageFormatter is the DefaultMessageFormatter's options.
type messageFormatter struct {
	key, value, partition, offset, timestamp, headers bool
	sep, lineSep, nullLiteral                         string
}

func newFormatter(props map[string]string) (messageFormatter, error) {
	m := messageFormatter{value: true, sep: "\t", lineSep: "\n", nullLiteral: "null"}
	for _, k := range sortedKeys(props) {
		v := props[k]
		b := v == "true"
		switch k {
		case "print.key":
			m.key = b
		case "print.value":
			m.value = b
		case "print.partition":
			m.partition = b
		case "print.offset":
			m.offset = b
		case "print.timestamp":
			m.timestamp = b
		case "print.headers":
			m.headers = b
		case "key.separator":
			m.sep = v
		case "line.separator":
			m.lineSep = v
		case "null.literal":
			m.nullLiteral = v
		default:
			return m, fmt.Errorf("Unknown --property %s for the console consumer (print.key, print.value, print.partition, print.offset, print.timestamp, print.headers, key.separator, line.separator, null.literal)", k)
		}
	}
	return m, nil
}

// Format renders one record as DefaultMessageFormatter does.
func (m messageFormatter) Format(r engine.ConsumedRecord) string {
	var fields []string
	if m.timestamp {
		fields = append(fields, fmt.Sprintf("CreateTime:%d", r.Timestamp))
	}
	if m.partition {
		fields = append(fields, fmt.Sprintf("Partition:%d", r.Partition))
	}
	if m.offset {
		fields = append(fields, fmt.Sprintf("Offset:%d", r.Offset))
	}
	if m.headers {
		if len(r.Headers) == 0 {
			fields = append(fields, "NO_HEADERS")
		} else {
			hs := make([]string, len(r.Headers))
			for i, h := range r.Headers {
				hs[i] = h.Key + ":" + h.Value
			}
			fields = append(fields, strings.Join(hs, ","))
		}
	}
	if m.key {
		fields = append(fields, m.orNull(r.NullKey, r.Key))
	}
	if m.value {
		fields = append(fields, m.orNull(r.NullValue, r.Value))
	}
	return strings.Join(fields, m.sep) + m.lineSep
}

func (m messageFormatter) orNull(null bool, s string) string {
	if null {
		return m.nullLiteral
	}
	return s
}

func runConsoleConsumer(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-console-consumer", args, consoleConsumerFlags)
	if err != nil {
		return err
	}
	topic := f.get("topic")
	if topic == "" {
		return errors.New("Exactly one of --include/--topic is required.")
	}
	if f.has("group") && f.has("partition") {
		return errors.New("--group cannot be combined with --partition here: with a group, partitions come from the group's assignment")
	}
	if f.has("offset") && !f.has("partition") {
		return errors.New("The partition is required when offset is specified.")
	}
	if f.has("offset") && f.has("from-beginning") {
		return errors.New("Options from-beginning and offset cannot be specified together.")
	}
	props, err := keyValues("property", f.all("property"))
	if err != nil {
		return err
	}
	fm, err := newFormatter(props)
	if err != nil {
		return err
	}
	cprops, err := keyValues("consumer-property", f.all("consumer-property"))
	if err != nil {
		return err
	}
	if f.has("from-beginning") {
		if v, ok := cprops["auto.offset.reset"]; ok && v != "earliest" {
			return fmt.Errorf("Can't simultaneously specify --from-beginning and 'auto.offset.reset=%s'", v)
		}
		cprops["auto.offset.reset"] = "earliest"
	}
	var cc engine.ConsumerConfig
	if !f.has("group") { // with --group, ParseGroupConsumerConfig below reads every property
		if cc, err = sh.cfg.ParseConsumerConfig(cprops); err != nil {
			return err
		}
	}
	var maxMessages int64 = -1
	if f.has("max-messages") {
		if maxMessages, err = parseInt("max-messages", f.get("max-messages"), 1); err != nil {
			return err
		}
	}
	sim := sh.sim
	tv, ok := sim.View().Topic(topic)
	if !ok {
		return fmt.Errorf("org.apache.kafka.common.errors.TimeoutException: Topic %s not present in metadata (the playground does not auto-create topics for consumers)", topic)
	}
	var tps []engine.TopicPartition
	if f.has("partition") {
		p, err := parseInt("partition", f.get("partition"), 0)
		if err != nil {
			return err
		}
		if int(p) >= len(tv.Partitions) {
			return fmt.Errorf("Partition %d of topic %s does not exist (it has %d partitions)", p, topic, len(tv.Partitions))
		}
		tps = []engine.TopicPartition{{Topic: topic, Partition: int32(p)}}
	} else {
		for _, p := range tv.Partitions {
			tps = append(tps, engine.TopicPartition{Topic: topic, Partition: p.Partition})
		}
	}
	var seek int64 = -3
	if f.has("offset") {
		switch o := f.get("offset"); o {
		case "earliest":
			seek = -2
		case "latest":
			seek = -1
		default:
			if seek, err = parseInt("offset", o, 0); err != nil {
				return errors.New("The offset must be a non-negative number, 'earliest' or 'latest'")
			}
		}
	}
	timeoutMs := int64(-1)
	if f.has("timeout-ms") {
		if timeoutMs, err = parseInt("timeout-ms", f.get("timeout-ms"), 0); err != nil {
			return err
		}
	}
	var name string
	grouped := f.has("group")
	if grouped {
		// With --group the tool subscribes as a group member (client.id console-consumer) with
		// auto-commit on, and commits and leaves the group when it exits.
		gc, err := sh.cfg.ParseGroupConsumerConfig(f.get("group"), []string{topic}, cprops)
		if err != nil {
			return err
		}
		gc.AutoPoll = false
		name = "console-consumer"
		for i := 2; sim.Consumer(name) != nil; i++ {
			name = fmt.Sprintf("console-consumer-%d", i)
		}
		if err := sim.AddGroupConsumer(name, gc); err != nil {
			return err
		}
		defer sim.StopConsumer(name)
	} else {
		// Without --group the real tool uses a random group and never commits; reading every
		// partition by assignment is the same thing without creating a group.
		name = fmt.Sprintf("console-consumer-%d", sim.RandomIntN(100000))
		if err := sim.AddConsumer(name, cc); err != nil {
			return err
		}
		defer sim.RemoveConsumer(name)
		if err := sim.Assign(name, tps); err != nil {
			return err
		}
		if seek != -3 {
			if err := sim.Seek(name, tps[0], seek); err != nil {
				return err
			}
		}
	}
	// Without --timeout-ms, a script waits at most 30 s of simulated time for the records
	// (60 s with --max-messages) so that a script never hangs on a partition that has no leader.
	budget := int64(30000)
	if maxMessages > 0 {
		budget = 60000
	}
	if timeoutMs >= 0 {
		budget = timeoutMs
	}
	deadline := sim.Now() + sh.cfg.MsToTicks(budget)
	var count int64
	timedOut := false
	for {
		sim.Tick()
		recs, _ := sim.PollGroupConsumer(name)
		for _, r := range recs {
			if maxMessages > 0 && count >= maxMessages {
				break
			}
			out.WriteString(fm.Format(r))
			count++
		}
		if e := sim.Consumer(name).PollError(); e != "" {
			fmt.Fprintf(out, "ERROR Error processing message, terminating consumer process: %s\n", e)
			break
		}
		caughtUp := sim.CaughtUp(name) && (!grouped || sim.GroupMemberStable(name))
		if maxMessages > 0 && count >= maxMessages || maxMessages < 0 && timeoutMs < 0 && caughtUp {
			break
		}
		if sim.Now() >= deadline {
			timedOut = maxMessages > 0 || timeoutMs >= 0
			break
		}
	}
	if timedOut {
		fmt.Fprintln(out, "ERROR Error processing message, terminating consumer process: org.apache.kafka.common.errors.TimeoutException")
	}
	fmt.Fprintf(out, "Processed a total of %d messages\n", count)
	return nil
}
