package engine

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine/kafkahash"
)

// ProducerConfig is the part of Kafka's producer configuration the simulation honours.
type ProducerConfig struct {
	Acks                 int8 // 0, 1 or -1 (all)
	Idempotence          bool
	Retries              int
	RetryBackoffTicks    int64
	RetryBackoffMaxTicks int64
	LingerTicks          int64
	BatchSizeBytes       int64
	RequestTimeoutTicks  int64
	DeliveryTimeoutTicks int64
	RoundRobin           bool // partitioner.class=RoundRobinPartitioner; otherwise the built-in uniform sticky partitioner
	Props                map[string]string
}

// producerProps are the producer configs the simulation understands.
var producerProps = []string{"acks", "batch.size", "client.id", "delivery.timeout.ms", "enable.idempotence",
	"linger.ms", "max.in.flight.requests.per.connection", "partitioner.class", "request.timeout.ms", "retries",
	"retry.backoff.max.ms", "retry.backoff.ms"}

// ProducerConfigNames lists the producer configs the simulation understands.
func ProducerConfigNames() []string { return slices.Clone(producerProps) }

// ParseProducerConfig applies props on top of Kafka 4.x producer defaults (acks=all,
// idempotence on, linger.ms=5). As in Kafka, idempotence is silently turned off when acks is
// not all unless enable.idempotence=true was asked for explicitly, which is an error.
func (c Config) ParseProducerConfig(props map[string]string) (ProducerConfig, error) {
	pc := ProducerConfig{Acks: -1, Idempotence: true, Retries: 2147483647,
		RetryBackoffTicks: c.MsToTicks(100), RetryBackoffMaxTicks: c.MsToTicks(1000), LingerTicks: c.MsToTicks(5),
		BatchSizeBytes: 16384, RequestTimeoutTicks: c.MsToTicks(30000), DeliveryTimeoutTicks: c.MsToTicks(120000),
		Props: map[string]string{}}
	ms := c.msProperty
	for _, k := range sortedKeys(props) {
		v := props[k]
		pc.Props[k] = v
		var err error
		switch k {
		case "acks":
			switch v {
			case "all", "-1":
				pc.Acks = -1
			case "0", "1":
				pc.Acks = int8(v[0] - '0')
			default:
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration acks: String must be one of: all, -1, 0, 1", v))
			}
		case "enable.idempotence":
			if v != "true" && v != "false" {
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration enable.idempotence: Expected value to be either true or false", v))
			}
			pc.Idempotence = v == "true"
		case "retries":
			n, e := strconv.Atoi(v)
			if e != nil || n < 0 {
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration retries: must be a number >= 0", v))
			}
			pc.Retries = n
		case "retry.backoff.ms":
			err = ms(k, v, &pc.RetryBackoffTicks, 0)
		case "retry.backoff.max.ms":
			err = ms(k, v, &pc.RetryBackoffMaxTicks, 0)
		case "linger.ms":
			err = ms(k, v, &pc.LingerTicks, 0)
		case "request.timeout.ms":
			err = ms(k, v, &pc.RequestTimeoutTicks, 1)
		case "delivery.timeout.ms":
			err = ms(k, v, &pc.DeliveryTimeoutTicks, 1)
		case "batch.size":
			n, e := strconv.ParseInt(v, 10, 64)
			if e != nil || n < 0 {
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration batch.size: must be a number >= 0", v))
			}
			pc.BatchSizeBytes = n
		case "partitioner.class":
			pc.RoundRobin = strings.HasSuffix(v, "RoundRobinPartitioner") || v == "roundrobin"
			if !pc.RoundRobin && v != "" && !strings.HasSuffix(v, "DefaultPartitioner") && v != "sticky" {
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration partitioner.class: the playground knows org.apache.kafka.clients.producer.RoundRobinPartitioner (or leave it unset for the built-in sticky partitioner)", v))
			}
		case "max.in.flight.requests.per.connection", "client.id":
		default:
			err = cmdErr(fmt.Sprintf("Unknown producer config %s (the playground knows %s)", k, strings.Join(producerProps, ", ")))
		}
		if err != nil {
			return ProducerConfig{}, err
		}
	}
	if pc.Acks != -1 {
		if props["enable.idempotence"] == "true" {
			return ProducerConfig{}, cmdErr("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.")
		}
		pc.Idempotence = false
	}
	return pc, nil
}

// Producer is a long-lived producer client. Records wait in per-partition batches (linger.ms,
// batch.size), each partition has one request in flight at a time, and failed requests are
// retried with backoff until retries or delivery.timeout.ms run out.
type Producer struct {
	name    string
	cfg     ProducerConfig
	pid     int64
	queues  []*partQueue // sorted by topic, partition
	sticky  map[string]stickyState
	rr      map[string]int
	nextReq uint64
	done    []SendResult // failed sends only
	stats   ProducerStats
	// A rate-driven producer (SetProducerRate) sends on its own every tick.
	rateTopic  string
	ratePerSec int
	rateKeys   []string
	rateCredit int64
	rateSent   int64
}

// ProducerStats counts what happened to a producer's records.
type ProducerStats struct {
	Sent    int `json:"sent"`
	Acked   int `json:"acked"`
	Failed  int `json:"failed"`
	Retries int `json:"retries"`
}

type stickyState struct {
	partition int32
	bytes     int64
}

type partQueue struct {
	topic     string
	partition int32
	batches   []*producerBatch
	inflight  *producerBatch
	nextSeq   int32
}

type producerBatch struct {
	records     []Record
	bytes       int64
	created     int64
	attempts    int
	nextAttempt int64
	reqID       uint64
	sentAt      int64
	baseSeq     int32
	sealed      bool
}

// SendResult is the outcome of one record: its offset, or the error it failed with.
type SendResult struct {
	ID        uint64
	Topic     string
	Partition int32
	Offset    int64 // -1 for acks=0 and failures
	Err       ErrorCode
	Record    Record
}

func (p *Producer) clone() *Producer {
	c := *p
	c.queues = make([]*partQueue, len(p.queues))
	for i, q := range p.queues {
		qq := *q
		qq.batches = make([]*producerBatch, len(q.batches))
		for j, b := range q.batches {
			bb := *b
			bb.records = slices.Clone(b.records)
			qq.batches[j] = &bb
		}
		if q.inflight != nil {
			for j, b := range q.batches {
				if b == q.inflight {
					qq.inflight = qq.batches[j]
				}
			}
		}
		c.queues[i] = &qq
	}
	c.sticky = maps.Clone(p.sticky)
	c.rr = maps.Clone(p.rr)
	c.done = p.done[:len(p.done):len(p.done)]
	c.cfg.Props = p.cfg.Props // never modified after parsing
	c.rateKeys = slices.Clone(p.rateKeys)
	return &c
}

// AddProducer creates a producer named name (its client.id).
func (s *Sim) AddProducer(name string, cfg ProducerConfig) error {
	if name == "" {
		return cmdErr("A producer needs a name")
	}
	if s.Producer(name) != nil {
		return cmdErr(fmt.Sprintf("Producer %s already exists", name))
	}
	p := &Producer{name: name, cfg: cfg, pid: -1, sticky: map[string]stickyState{}, rr: map[string]int{}}
	if cfg.Idempotence {
		s.pids++
		p.pid = s.pids - 1
	}
	i := sort.Search(len(s.producers), func(i int) bool { return s.producers[i].name >= name })
	s.producers = slices.Insert(s.producers, i, p)
	return nil
}

// RemoveProducer closes a producer; records it still holds are dropped.
func (s *Sim) RemoveProducer(name string) error {
	i := slices.IndexFunc(s.producers, func(p *Producer) bool { return p.name == name })
	if i < 0 {
		return cmdErr(fmt.Sprintf("Producer %s does not exist", name))
	}
	s.producers = slices.Delete(s.producers, i, i+1)
	return nil
}

// Producer returns the producer called name, or nil.
func (s *Sim) Producer(name string) *Producer {
	for _, p := range s.producers {
		if p.name == name {
			return p
		}
	}
	return nil
}

// Name is the producer's client.id.
func (p *Producer) Name() string { return p.name }

// Config is the producer's configuration.
func (p *Producer) Config() ProducerConfig { return p.cfg }

// Stats counts the producer's records so far.
func (p *Producer) Stats() ProducerStats { return p.stats }

// Pending is the number of records not yet acknowledged or failed.
func (p *Producer) Pending() int {
	n := 0
	for _, q := range p.queues {
		for _, b := range q.batches {
			n += len(b.records)
		}
	}
	return n
}

// Failures returns every send that failed so far, in the order they failed. Successes are not
// kept: a long-lived producer would otherwise hold a copy of every record it ever sent, and
// the event log already says where they went.
func (p *Producer) Failures() []SendResult { return p.done[:len(p.done):len(p.done)] }

// SendRequest is one record to send. Partition -1 lets the partitioner choose.
type SendRequest struct {
	Topic     string
	Partition int32
	Key       string
	NullKey   bool
	Value     string
	NullValue bool
	Headers   []Header
}

// Send hands a record to the producer, which picks its partition now: the explicit partition,
// else toPositive(murmur2(key)) % partitions (all partitions, even leaderless ones), else the
// sticky or round-robin partitioner for null keys. It returns the record's id.
func (s *Sim) Send(producer string, req SendRequest) (uint64, error) {
	p := s.Producer(producer)
	if p == nil {
		return 0, cmdErr(fmt.Sprintf("Producer %s does not exist", producer))
	}
	t := s.topics[req.Topic]
	if t == nil {
		// auto.create.topics.enable=true (Kafka's default): the metadata request for an unknown
		// topic creates it with num.partitions and default.replication.factor.
		if req.Partition >= int32(s.cfg.DefaultPartitions) {
			return 0, cmdErr(fmt.Sprintf("org.apache.kafka.common.KafkaException: Invalid partition given with record: %d is not in the range [0...%d).", req.Partition, s.cfg.DefaultPartitions))
		}
		if err := s.CreateTopic(CreateTopicRequest{Name: req.Topic}); err != nil {
			return 0, err
		}
		t = s.topics[req.Topic]
		s.emit(EventTopicCreated, fmt.Sprintf("topic %s did not exist, so the broker created it on first use (auto.create.topics.enable=true)", req.Topic), onTopic(req.Topic))
	}
	n := int32(len(t.partitions))
	part := req.Partition
	switch {
	case part >= 0:
		if part >= n {
			return 0, cmdErr(fmt.Sprintf("org.apache.kafka.common.KafkaException: Invalid partition given with record: %d is not in the range [0...%d).", part, n))
		}
	case !req.NullKey && !p.cfg.RoundRobin:
		part = int32(kafkahash.PartitionForKey([]byte(req.Key), int(n)))
	default:
		// A configured partitioner (RoundRobinPartitioner) decides for keyed records too,
		// ahead of murmur2 (KafkaProducer.partition's order of precedence).
		part = s.nullKeyPartition(p, t)
	}
	s.ids++
	rec := Record{Key: req.Key, NullKey: req.NullKey, Value: req.Value, NullValue: req.NullValue,
		Headers: slices.Clone(req.Headers), Timestamp: s.cfg.StartTimeMs + s.NowMs(), ID: s.ids, ProducerID: -1, Sequence: -1}
	q := p.queue(req.Topic, part)
	size := rec.SizeBytes()
	if k := len(q.batches); k == 0 || q.batches[k-1].sealed || q.batches[k-1].bytes+size > p.cfg.BatchSizeBytes && len(q.batches[k-1].records) > 0 {
		q.batches = append(q.batches, &producerBatch{created: s.now})
	}
	b := q.batches[len(q.batches)-1]
	b.records = append(grow(b.records, 1), rec)
	b.bytes += size
	if req.NullKey && !p.cfg.RoundRobin {
		st := p.sticky[req.Topic]
		st.bytes += size
		p.sticky[req.Topic] = st
	}
	p.stats.Sent++
	return rec.ID, nil
}

// nullKeyPartition is the partitioner for records without a key. RoundRobinPartitioner cycles
// through partitions that have a leader. The built-in partitioner (KIP-794) sticks to one
// partition until batch.size bytes have gone to it, then picks another available partition at
// random, weighted towards partitions with shorter queues (adaptive partitioning).
func (s *Sim) nullKeyPartition(p *Producer, t *topic) int32 {
	var avail []int32
	for _, pt := range t.partitions {
		if pt.leader >= 0 {
			avail = append(avail, pt.id)
		}
	}
	if len(avail) == 0 {
		for _, pt := range t.partitions {
			avail = append(avail, pt.id)
		}
	}
	if p.cfg.RoundRobin {
		i := p.rr[t.name]
		p.rr[t.name] = i + 1
		return avail[i%len(avail)]
	}
	st, ok := p.sticky[t.name]
	if ok && st.bytes < p.cfg.BatchSizeBytes && slices.Contains(avail, st.partition) {
		return st.partition
	}
	queue := make([]int, len(avail))
	maxQ := 0
	for i, id := range avail {
		queue[i] = len(p.queue(t.name, id).batches)
		maxQ = max(maxQ, queue[i])
	}
	total := 0
	for i := range queue {
		queue[i] = maxQ + 1 - queue[i]
		total += queue[i]
	}
	pick := s.rng.IntN(total)
	chosen := avail[len(avail)-1]
	for i, w := range queue {
		if pick < w {
			chosen = avail[i]
			break
		}
		pick -= w
	}
	p.sticky[t.name] = stickyState{partition: chosen}
	return chosen
}

func (p *Producer) queue(topic string, part int32) *partQueue {
	i := sort.Search(len(p.queues), func(i int) bool {
		q := p.queues[i]
		return q.topic > topic || q.topic == topic && q.partition >= part
	})
	if i < len(p.queues) && p.queues[i].topic == topic && p.queues[i].partition == part {
		return p.queues[i]
	}
	q := &partQueue{topic: topic, partition: part}
	p.queues = slices.Insert(p.queues, i, q)
	return q
}

func (p *Producer) dropTopic(s *Sim, topic string) {
	for _, q := range p.queues {
		if q.topic == topic {
			// finishBatch deletes the batch from q.batches in place (shifting the rest down and
			// clearing the tail), so iterate over a copy.
			for _, b := range slices.Clone(q.batches) {
				s.finishBatch(p, q, b, ErrUnknownTopicOrPartition, -1, nil)
			}
			q.batches, q.inflight = nil, nil
		}
	}
	p.queues = slices.DeleteFunc(p.queues, func(q *partQueue) bool { return q.topic == topic })
}

// producerTick expires old batches and sends the next ready batch of every partition.
func (s *Sim) producerTick() {
	for _, p := range s.producers {
		s.rateTick(p)
		for _, q := range p.queues {
			s.producerQueueTick(p, q)
		}
	}
}

func (s *Sim) producerQueueTick(p *Producer, q *partQueue) {
	if b := q.inflight; b != nil && s.now-b.sentAt >= p.cfg.RequestTimeoutTicks {
		s.handleProduceResponse(p.name, q.topic, q.partition, &produceResponse{reqID: b.reqID, err: ErrRequestTimedOut, broker: -1})
	}
	for len(q.batches) > 0 && q.inflight == nil && s.now-q.batches[0].created >= p.cfg.DeliveryTimeoutTicks {
		b := q.batches[0]
		s.finishBatch(p, q, b, ErrTimeout, -1, nil)
	}
	if q.inflight != nil || len(q.batches) == 0 {
		return
	}
	b := q.batches[0]
	ready := b.sealed || len(q.batches) > 1 || b.bytes >= p.cfg.BatchSizeBytes || s.now-b.created >= p.cfg.LingerTicks
	if !ready || s.now < b.nextAttempt {
		return
	}
	pt := s.partition(q.topic, q.partition)
	if pt == nil || pt.leader < 0 {
		return // no leader in the metadata: wait for one, or for delivery.timeout.ms
	}
	if !b.sealed {
		b.sealed = true
		if p.pid >= 0 {
			b.baseSeq = q.nextSeq
			q.nextSeq += int32(len(b.records))
			for i := range b.records {
				b.records[i].ProducerID = p.pid
				b.records[i].Sequence = b.baseSeq + int32(i)
			}
		}
	}
	p.nextReq++
	b.reqID = p.nextReq
	b.sentAt = s.now
	b.attempts++
	s.send(message{kind: msgProduce, from: -1, to: pt.leader, client: p.name, topic: q.topic, partition: q.partition,
		produceReq: &produceRequest{reqID: b.reqID, acks: p.cfg.Acks, records: b.records, timeoutTicks: p.cfg.RequestTimeoutTicks,
			pid: p.pid, baseSeq: b.baseSeq}})
	if p.cfg.Acks == 0 {
		s.finishBatch(p, q, b, ErrNone, -1, nil) // fire and forget: no response will come
		return
	}
	q.inflight = b
}

// handleProduceResponse completes or retries the in-flight batch of one partition.
func (s *Sim) handleProduceResponse(client, topic string, part int32, resp *produceResponse) {
	p := s.Producer(client)
	if p == nil {
		return
	}
	q := p.queue(topic, part)
	b := q.inflight
	if b == nil || b.reqID != resp.reqID {
		return // an answer to a request we already gave up on
	}
	q.inflight = nil
	if resp.err == ErrNone {
		s.finishBatch(p, q, b, ErrNone, resp.baseOffset, resp.records)
		return
	}
	if resp.err.Retriable() && b.attempts <= p.cfg.Retries && s.now-b.created < p.cfg.DeliveryTimeoutTicks {
		backoff := p.cfg.RetryBackoffTicks << min(b.attempts-1, 20)
		if p.cfg.RetryBackoffMaxTicks > 0 {
			backoff = min(backoff, p.cfg.RetryBackoffMaxTicks)
		}
		b.nextAttempt = s.now + max(backoff, 1)
		p.stats.Retries++
		from := "the network"
		if resp.broker >= 0 {
			from = "broker " + itoa(int64(resp.broker))
		}
		s.emit(EventProduceRetried, fmt.Sprintf("producer %s: %s from %s for %d record(s) to %s; retrying in %d ms (attempt %d)",
			client, resp.err, from, len(b.records), tpName(topic, part), s.cfg.TicksToMs(b.nextAttempt-s.now), b.attempts+1),
			onPartition(topic, part), byClient(client))
		return
	}
	s.finishBatch(p, q, b, resp.err, -1, nil)
}

// finishBatch records the outcome of a batch and removes it from its queue.
func (s *Sim) finishBatch(p *Producer, q *partQueue, b *producerBatch, err ErrorCode, base int64, appended []Record) {
	q.batches = slices.DeleteFunc(q.batches, func(x *producerBatch) bool { return x == b })
	if q.inflight == b {
		q.inflight = nil
	}
	pt := s.partition(q.topic, q.partition)
	if err != ErrNone {
		p.done = grow(p.done, len(b.records))
	}
	if pt != nil && err == ErrNone && base >= 0 {
		pt.acked = grow(pt.acked, len(appended))
	}
	for i := range b.records {
		rec := &b.records[i] // by pointer: records are large, and this runs for every record sent
		res := SendResult{ID: rec.ID, Topic: q.topic, Partition: q.partition, Offset: -1, Err: err}
		if err == ErrNone && base >= 0 {
			res.Offset = base + int64(i)
			if i < len(appended) {
				// The broker's records carry their offsets; a retried batch that a new leader
				// held only in part has its missing records at the end of the log (locateBatch).
				res.Offset = appended[i].Offset
				rec = &appended[i]
				if pt != nil {
					pt.acked = appendShared(pt.acked, ackedRecord{offset: res.Offset, id: rec.ID, acks: p.cfg.Acks})
				}
			}
		}
		if err != ErrNone {
			res.Record = *rec
			p.done = append(p.done, res)
		}
	}
	if err == ErrNone {
		p.stats.Acked += len(b.records)
		return
	}
	p.stats.Failed += len(b.records)
	s.emit(EventProduceFailed, fmt.Sprintf("producer %s: %d record(s) to %s FAILED after %d attempt(s): %s",
		p.name, len(b.records), tpName(q.topic, q.partition), b.attempts, err), onPartition(q.topic, q.partition), byClient(p.name))
}
