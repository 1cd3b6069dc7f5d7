package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{name: "consumer", summary: "long-lived consumers in groups: add, poll, commit, kill, stop, slow, resume",
		usage: `consumer add NAME --group G --topic T1[,T2...] [--consumer-property k=v]... [--manual-poll]
    a consumer whose application polls every tick (unless --manual-poll). Properties include
    partition.assignment.strategy=range|roundrobin|sticky|cooperative-sticky (a list, in order of
    preference), enable.auto.commit, auto.commit.interval.ms, auto.offset.reset,
    session.timeout.ms, heartbeat.interval.ms, max.poll.interval.ms, max.poll.records.
consumer poll NAME        one poll(): print the records it returns and the position it leaves
consumer commit NAME [--async]   commit the current positions
consumer kill NAME        crash: no commit, no LeaveGroup (removed after session.timeout.ms)
consumer stop NAME        close: commit (with auto-commit) and LeaveGroup, so the group rebalances at once
consumer slow NAME        stop calling poll() (stuck processing): it leaves after max.poll.interval.ms
consumer resume NAME      call poll() again (it rejoins the group)`, run: runConsumer})
	register(&command{name: "producer", summary: "long-lived producers: add, send, rate, stop, kill",
		usage: `producer add NAME --topic T [--producer-property k=v]... [--rate N] [--keys k1,k2,...]
producer send NAME [--topic T] [--key K] [--partition P] VALUE...   queue one record per VALUE
producer rate NAME N [--keys k1,k2,...]   send N records a second on its own (0 stops)
producer stop NAME        flush (advancing time until every record is acknowledged or failed), then close
producer kill NAME        crash: records not yet sent are lost`, run: runProducer})
}

func runConsumer(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	if len(args) < 2 {
		return errors.New("usage: consumer add|poll|commit|kill|stop|slow|resume NAME (see help consumer)")
	}
	sim, name := sh.sim, args[1]
	switch args[0] {
	case "add":
		f, err := parseFlags("consumer add", args[2:], map[string]flagSpec{
			"group": {value: true}, "topic": {value: true}, "consumer-property": {value: true, repeat: true}, "manual-poll": {}})
		if err != nil {
			return err
		}
		if !f.has("group") {
			return errors.New("consumer add needs --group G (use kafka-console-consumer.sh to read without a group)")
		}
		if !f.has("topic") {
			return errors.New("consumer add needs --topic T1[,T2...]")
		}
		props, err := keyValues("consumer-property", f.all("consumer-property"))
		if err != nil {
			return err
		}
		gc, err := sh.cfg.ParseGroupConsumerConfig(f.get("group"), splitList(f.get("topic")), props)
		if err != nil {
			return err
		}
		gc.AutoPoll = !f.has("manual-poll")
		return sim.AddGroupConsumer(name, gc)
	case "poll":
		if len(args) != 2 {
			return errors.New("usage: consumer poll NAME")
		}
		recs, err := sim.PollGroupConsumer(name)
		if err != nil {
			return err
		}
		if e := sim.Consumer(name).PollError(); e != "" {
			// poll() throws instead of returning records (auto.offset.reset=none).
			fmt.Fprintf(out, "poll() threw %s\n", e)
			return nil
		}
		fm := messageFormatter{key: true, partition: true, offset: true, value: true, sep: "\t", lineSep: "\n", nullLiteral: "null"}
		for _, r := range recs {
			out.WriteString(fm.Format(r))
		}
		// The position is the next offset poll() will return, per assigned partition: what a
		// commit would store, and what kafka-consumer-groups cannot show (it shows commits).
		c := sim.Consumer(name)
		positions := c.Positions()
		var pos []string
		for _, tp := range c.Assignment() {
			pos = append(pos, fmt.Sprintf("%s=%s", tp, positionText(positions[tp])))
		}
		if len(pos) == 0 {
			pos = []string{"no partitions assigned"}
		}
		fmt.Fprintf(out, "Polled %d record(s); position %s\n", len(recs), strings.Join(pos, " "))
		return nil
	case "commit":
		if len(args) > 3 || len(args) == 3 && args[2] != "--async" {
			return errors.New("usage: consumer commit NAME [--async]")
		}
		return sim.CommitConsumer(name)
	case "kill":
		return sim.KillConsumer(name)
	case "stop":
		return sim.StopConsumer(name)
	case "slow":
		return sim.SetConsumerSlow(name, true)
	case "resume":
		return sim.SetConsumerSlow(name, false)
	}
	return fmt.Errorf("unknown consumer action %q (add, poll, commit, kill, stop, slow, resume)", args[0])
}

func positionText(p int64) string {
	if p < 0 {
		return "unknown"
	}
	return strconv.FormatInt(p, 10)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runProducer(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	if len(args) < 2 {
		return errors.New("usage: producer add|send|rate|stop|kill NAME (see help producer)")
	}
	sim, name := sh.sim, args[1]
	switch args[0] {
	case "add":
		f, err := parseFlags("producer add", args[2:], map[string]flagSpec{
			"topic": {value: true}, "producer-property": {value: true, repeat: true}, "rate": {value: true}, "keys": {value: true}})
		if err != nil {
			return err
		}
		topic := f.get("topic")
		if topic == "" {
			return errors.New("producer add needs --topic T")
		}
		if _, ok := sim.View().Topic(topic); !ok {
			return fmt.Errorf("Topic '%s' does not exist (create it with kafka-topics.sh --create)", topic)
		}
		props, err := keyValues("producer-property", f.all("producer-property"))
		if err != nil {
			return err
		}
		pc, err := sh.cfg.ParseProducerConfig(props)
		if err != nil {
			return err
		}
		rate := int64(0)
		if f.has("rate") {
			if rate, err = parseInt("rate", f.get("rate"), 0); err != nil {
				return err
			}
		}
		// Try it on a copy first: a rate the engine refuses must fail the command before
		// AddProducer adds the producer and hands out a producer id.
		if err := dryRun(sim, func(s *engine.Sim) error {
			if err := s.AddProducer(name, pc); err != nil {
				return err
			}
			return s.SetProducerRate(name, topic, int(rate), splitList(f.get("keys")))
		}); err != nil {
			return err
		}
		if err := sim.AddProducer(name, pc); err != nil {
			return err
		}
		return sim.SetProducerRate(name, topic, int(rate), splitList(f.get("keys")))
	case "send":
		f, err := parseFlags("producer send", args[2:], map[string]flagSpec{"topic": {value: true}, "key": {value: true}, "partition": {value: true}})
		if err != nil {
			return err
		}
		var topic string
		for _, p := range sim.View().Producers {
			if p.Name == name {
				topic = p.Topic
			}
		}
		if f.has("topic") {
			topic = f.get("topic")
		}
		if sim.Producer(name) == nil {
			return fmt.Errorf("Producer %s does not exist", name)
		}
		if len(f.args) == 0 {
			return errors.New("usage: producer send NAME [--key K] [--partition P] VALUE...")
		}
		part := int32(-1)
		if f.has("partition") {
			n, err := parseInt("partition", f.get("partition"), 0)
			if err != nil {
				return err
			}
			part = int32(n)
		}
		if t, ok := sim.View().Topic(topic); !ok {
			return fmt.Errorf("Topic '%s' does not exist", topic)
		} else if part >= int32(len(t.Partitions)) {
			return fmt.Errorf("org.apache.kafka.common.KafkaException: Invalid partition given with record: %d is not in the range [0...%d).", part, len(t.Partitions))
		}
		for _, v := range f.args {
			if _, err := sim.Send(name, engine.SendRequest{Topic: topic, Partition: part, Key: f.get("key"), NullKey: !f.has("key"), Value: v}); err != nil {
				return err
			}
		}
		return nil
	case "rate":
		f, err := parseFlags("producer rate", args[2:], map[string]flagSpec{"keys": {value: true}})
		if err != nil {
			return err
		}
		if len(f.args) != 1 {
			return errors.New("usage: producer rate NAME N [--keys k1,k2]")
		}
		n, err := strconv.Atoi(f.args[0])
		if err != nil {
			return fmt.Errorf("%q is not a rate (records a second)", f.args[0])
		}
		var topic string
		for _, p := range sim.View().Producers {
			if p.Name == name {
				topic = p.Topic
			}
		}
		return sim.SetProducerRate(name, topic, n, splitList(f.get("keys")))
	case "stop", "kill":
		p := sim.Producer(name)
		if p == nil {
			return fmt.Errorf("Producer %s does not exist", name)
		}
		if args[0] == "stop" {
			if err := sim.SetProducerRate(name, "", 0, nil); err != nil {
				return err
			}
			limit := sim.Now() + 2*p.Config().DeliveryTimeoutTicks
			for p.Pending() > 0 && sim.Now() < limit {
				sim.Tick()
			}
			st := p.Stats()
			fmt.Fprintf(out, "Producer %s closed: %d sent, %d acknowledged, %d failed.\n", name, st.Sent, st.Acked, st.Failed)
		}
		return sim.RemoveProducer(name)
	}
	return fmt.Errorf("unknown producer action %q (add, send, rate, stop, kill)", args[0])
}
