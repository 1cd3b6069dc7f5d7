package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{
		name:    "kafka-console-producer",
		summary: "send the lines that follow as records (up to an empty line or Ctrl-D)",
		usage: `kafka-console-producer.sh --bootstrap-server localhost:9092 --topic T [OPTIONS]
  --property parse.key=true --property key.separator=S   key and value on each line (separator: TAB by default)
  --property parse.headers=true                         headers first: h1:v1,h2:v2<TAB>...
  --property null.marker=M --property ignore.error=true
  --producer-property k=v                               acks, enable.idempotence, linger.ms, retries, ...
  --request-required-acks 0|1|all                       (the tool's default is all)
Each following line is one record; an empty line (or Ctrl-D) ends the input. The command returns
once every record is acknowledged or has failed, advancing simulated time as needed.`,
		run: runConsoleProducer,
	})
}

var consoleProducerFlags = map[string]flagSpec{
	"topic": {value: true}, "property": {value: true, repeat: true}, "producer-property": {value: true, repeat: true},
	"request-required-acks": {value: true}, "timeout": {value: true}, "request-timeout-ms": {value: true},
	"message-send-max-retries": {value: true}, "retry-backoff-ms": {value: true}, "batch-size": {value: true},
	"compression-codec": {value: true}, "sync": {},
}

// lineReader is LineMessageReader's parsing of one input line.
type lineReader struct {
	parseKey, parseHeaders, ignoreError bool
	keySep, headersDelim, headersSep    string
	headersKeySep, nullMarker           string
}

func newLineReader(props map[string]string) (lineReader, error) {
	r := lineReader{keySep: "\t", headersDelim: "\t", headersSep: ",", headersKeySep: ":"}
	for _, k := range sortedKeys(props) {
		v := props[k]
		switch k {
		case "parse.key":
			r.parseKey = v == "true"
		case "parse.headers":
			r.parseHeaders = v == "true"
		case "ignore.error":
			r.ignoreError = v == "true"
		case "key.separator":
			r.keySep = v
		case "headers.delimiter":
			r.headersDelim = v
		case "headers.separator":
			r.headersSep = v
		case "headers.key.separator":
			r.headersKeySep = v
		case "null.marker":
			r.nullMarker = v
		default:
			return r, fmt.Errorf("Unknown --property %s for the console producer (parse.key, key.separator, parse.headers, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error)", k)
		}
	}
	if r.keySep == "" {
		return r, errors.New("key.separator must not be empty")
	}
	return r, nil
}

func (r lineReader) parse(topic string, lineNo int, line string) (engine.SendRequest, error) {
	req := engine.SendRequest{Topic: topic, Partition: -1, NullKey: true}
	rest := line
	if r.parseHeaders {
		h, after, ok := strings.Cut(rest, r.headersDelim)
		if !ok {
			return req, fmt.Errorf("org.apache.kafka.common.KafkaException: No headers delimiter found on line number %d: '%s'", lineNo, line)
		}
		rest = after
		if h != "" {
			for _, kv := range strings.Split(h, r.headersSep) {
				k, v, ok := strings.Cut(kv, r.headersKeySep)
				if !ok {
					return req, fmt.Errorf("org.apache.kafka.common.KafkaException: No header key separator found in pair '%s' on line number %d", kv, lineNo)
				}
				req.Headers = append(req.Headers, engine.Header{Key: k, Value: v})
			}
		}
	}
	if r.parseKey {
		k, v, ok := strings.Cut(rest, r.keySep)
		switch {
		case ok:
			req.Key, req.NullKey, rest = k, false, v
		case !r.ignoreError:
			return req, fmt.Errorf("org.apache.kafka.common.KafkaException: No key separator found on line number %d: '%s'", lineNo, line)
		}
	}
	req.Value = rest
	if r.nullMarker != "" {
		if !req.NullKey && req.Key == r.nullMarker {
			req.Key, req.NullKey = "", true
		}
		if req.Value == r.nullMarker {
			req.Value, req.NullValue = "", true
		}
	}
	return req, nil
}

func runConsoleProducer(sh *Shell, args []string, input []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-console-producer", args, consoleProducerFlags)
	if err != nil {
		return err
	}
	topic := f.get("topic")
	if topic == "" {
		return errors.New(`Missing required argument "[topic]"`)
	}
	props, err := keyValues("property", f.all("property"))
	if err != nil {
		return err
	}
	reader, err := newLineReader(props)
	if err != nil {
		return err
	}
	// The tool's own defaults (ConsoleProducer): acks=-1, linger.ms=1000, request.timeout.ms=1500,
	// retries=3, retry.backoff.ms=100; the tool options and then --producer-property override them.
	pp := map[string]string{"acks": "-1", "linger.ms": "1000", "request.timeout.ms": "1500", "retries": "3",
		"retry.backoff.ms": "100", "batch.size": "16384"}
	for opt, key := range map[string]string{"request-required-acks": "acks", "timeout": "linger.ms",
		"request-timeout-ms": "request.timeout.ms", "message-send-max-retries": "retries", "retry-backoff-ms": "retry.backoff.ms", "batch-size": "batch.size"} {
		if f.has(opt) {
			pp[key] = f.get(opt)
		}
	}
	extra, err := keyValues("producer-property", f.all("producer-property"))
	if err != nil {
		return err
	}
	for k, v := range extra {
		pp[k] = v
	}
	pc, err := sh.cfg.ParseProducerConfig(pp)
	if err != nil {
		return err
	}
	reqs := make([]engine.SendRequest, 0, len(input))
	for i, line := range input {
		req, err := reader.parse(topic, i+1, line)
		if err != nil {
			return err
		}
		reqs = append(reqs, req)
	}
	sim := sh.sim
	if _, ok := sim.View().Topic(topic); !ok && len(reqs) > 0 {
		fmt.Fprintf(out, "WARN [Producer clientId=console-producer] The metadata response from the cluster reported a recoverable issue with correlation id 1 : {%s=UNKNOWN_TOPIC_OR_PARTITION}\n", topic)
	}
	const name = "console-producer"
	if _, ok := sim.View().Topic(topic); !ok && len(reqs) > 0 {
		// The first send creates the topic (auto.create.topics.enable). Try that on a copy
		// first: if it fails, the command must fail before AddProducer hands out a producer id.
		if err := dryRun(sim, func(s *engine.Sim) error { return s.CreateTopic(engine.CreateTopicRequest{Name: topic}) }); err != nil {
			return err
		}
	}
	if err := sim.AddProducer(name, pc); err != nil {
		return err
	}
	defer sim.RemoveProducer(name)
	ids := make([]uint64, 0, len(reqs))
	for _, req := range reqs {
		id, err := sim.Send(name, req)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	p := sim.Producer(name)
	limit := sim.Now() + 2*pc.DeliveryTimeoutTicks + pc.LingerTicks + 10
	for p.Pending() > 0 && sim.Now() < limit {
		sim.Tick()
	}
	byID := map[uint64]engine.SendResult{}
	for _, r := range p.Failures() {
		byID[r.ID] = r
	}
	for i, id := range ids {
		r, ok := byID[id]
		if !ok || r.Err == engine.ErrNone {
			continue
		}
		fmt.Fprintf(out, "ERROR Error when sending message to topic %s with key: %s, value: %s with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n",
			topic, sizeOrNull(reqs[i].NullKey, reqs[i].Key), sizeOrNull(reqs[i].NullValue, reqs[i].Value))
		fmt.Fprintln(out, DescribeProduceError(r, pc))
	}
	return nil
}

func sizeOrNull(null bool, s string) string {
	if null {
		return "null"
	}
	return fmt.Sprintf("%d bytes", len(s))
}

// DescribeProduceError renders a failed send as the Java client's exception line.
func DescribeProduceError(r engine.SendResult, pc engine.ProducerConfig) string {
	if r.Err == engine.ErrTimeout {
		return fmt.Sprintf("%s: Expiring 1 record(s) for %s-%d:%d ms has passed since batch creation",
			r.Err.Exception(), r.Topic, r.Partition, deliveryMs(pc))
	}
	return r.Err.Exception() + ": " + r.Err.Message()
}

func deliveryMs(pc engine.ProducerConfig) int64 {
	if v, ok := pc.Props["delivery.timeout.ms"]; ok {
		var n int64
		fmt.Sscan(v, &n)
		return n
	}
	return 120000
}
