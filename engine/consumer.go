package engine

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ConsumerConfig is the part of Kafka's consumer configuration the simulation honours.
type ConsumerConfig struct {
	AutoOffsetReset   string // latest (default), earliest or none
	MaxPollRecords    int
	FetchMaxWaitTicks int64
	Props             map[string]string
}

var consumerProps = []string{"auto.offset.reset", "client.id", "fetch.max.wait.ms", "max.poll.records"}

// ParseConsumerConfig applies props on top of Kafka's consumer defaults.
func (c Config) ParseConsumerConfig(props map[string]string) (ConsumerConfig, error) {
	cc := ConsumerConfig{AutoOffsetReset: "latest", MaxPollRecords: 500, FetchMaxWaitTicks: c.MsToTicks(500), Props: map[string]string{}}
	for _, k := range sortedKeys(props) {
		v := props[k]
		cc.Props[k] = v
		switch k {
		case "auto.offset.reset":
			if v != "latest" && v != "earliest" && v != "none" {
				return ConsumerConfig{}, cmdErr(fmt.Sprintf("Invalid value %s for configuration auto.offset.reset: String must be one of: latest, earliest, none", v))
			}
			cc.AutoOffsetReset = v
		case "max.poll.records":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return ConsumerConfig{}, cmdErr(fmt.Sprintf("Invalid value %s for configuration max.poll.records: must be a number >= 1", v))
			}
			cc.MaxPollRecords = n
		case "fetch.max.wait.ms":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return ConsumerConfig{}, cmdErr(fmt.Sprintf("Invalid value %s for configuration fetch.max.wait.ms: must be a number >= 0", v))
			}
			cc.FetchMaxWaitTicks = c.MsToTicks(n)
		case "client.id":
		default:
			return ConsumerConfig{}, cmdErr(fmt.Sprintf("Unknown consumer config %s (the playground knows %s)", k, strings.Join(consumerProps, ", ")))
		}
	}
	return cc, nil
}

// Consumer is a consumer with manually assigned partitions (KafkaConsumer.assign). It fetches
// from each partition's leader over the network and reads only below the high watermark.
type Consumer struct {
	name   string
	cfg    ConsumerConfig
	parts  []*consumerPart // sorted by topic, partition
	buffer []ConsumedRecord
	errs   []string
	nextID uint64
	polled int
	grp    *groupClient // nil for a consumer with manually assigned partitions
}

type consumerPart struct {
	topic        string
	partition    int32
	position     int64 // next offset poll returns; -1 until reset
	fetchOffset  int64 // next offset to fetch (position plus what is buffered)
	fetching     bool
	fetchSent    int64
	reqID        uint64
	backoffUntil int64
	// failed: auto.offset.reset=none left the partition without a position, so poll() throws
	// until the application seeks. outOfRange is the position the broker refused
	// (OffsetOutOfRangeException), or -1 when there was no offset at all (NoOffsetForPartitionException).
	failed     bool
	outOfRange int64
	// seekTo is a seekToBeginning/seekToEnd ("earliest", "latest") still waiting for a leader
	// to answer ListOffsets; it wins over auto.offset.reset.
	seekTo string
}

// ConsumedRecord is a record returned by Poll.
type ConsumedRecord struct {
	Topic     string
	Partition int32
	Record
}

// TopicPartition names one partition.
type TopicPartition struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
}

// Compare orders partitions by topic, then partition number: the order every list of
// partitions is emitted in, so that map order never reaches output.
func (tp TopicPartition) Compare(o TopicPartition) int {
	if c := strings.Compare(tp.Topic, o.Topic); c != 0 {
		return c
	}
	return cmp.Compare(tp.Partition, o.Partition)
}

func (cp *consumerPart) tp() TopicPartition { return TopicPartition{cp.topic, cp.partition} }

func compareParts(a, b *consumerPart) int { return a.tp().Compare(b.tp()) }

func (c *Consumer) clone() *Consumer {
	cc := *c
	cc.parts = make([]*consumerPart, len(c.parts))
	for i, p := range c.parts {
		pp := *p
		cc.parts[i] = &pp
	}
	cc.buffer = slices.Clone(c.buffer)
	cc.errs = slices.Clone(c.errs)
	if c.grp != nil {
		cc.grp = c.grp.clone()
	}
	return &cc
}

// Name is the consumer's client.id.
func (c *Consumer) Name() string { return c.name }

// Errors returns the errors the consumer has met, oldest first.
func (c *Consumer) Errors() []string { return slices.Clone(c.errs) }

// Polled is how many records poll() has returned to the application so far (ConsumerView.Polled
// without building a whole View).
func (c *Consumer) Polled() int { return c.polled }

// Consumer returns the consumer called name, or nil.
func (s *Sim) Consumer(name string) *Consumer {
	for _, c := range s.consumers {
		if c.name == name {
			return c
		}
	}
	return nil
}

// AddConsumer creates a consumer named name with no partitions.
func (s *Sim) AddConsumer(name string, cfg ConsumerConfig) error {
	if name == "" {
		return cmdErr("A consumer needs a name")
	}
	if s.Consumer(name) != nil {
		return cmdErr(fmt.Sprintf("Consumer %s already exists", name))
	}
	c := &Consumer{name: name, cfg: cfg}
	i := sort.Search(len(s.consumers), func(i int) bool { return s.consumers[i].name >= name })
	s.consumers = slices.Insert(s.consumers, i, c)
	return nil
}

// RemoveConsumer closes a consumer.
func (s *Sim) RemoveConsumer(name string) error {
	i := slices.IndexFunc(s.consumers, func(c *Consumer) bool { return c.name == name })
	if i < 0 {
		return cmdErr(fmt.Sprintf("Consumer %s does not exist", name))
	}
	s.consumers = slices.Delete(s.consumers, i, i+1)
	return nil
}

func (s *Sim) consumerOrErr(name string) (*Consumer, error) {
	c := s.Consumer(name)
	if c == nil {
		return nil, cmdErr(fmt.Sprintf("Consumer %s does not exist", name))
	}
	return c, nil
}

// Assign gives the consumer exactly these partitions (KafkaConsumer.assign). Partitions it
// already had keep their positions.
func (s *Sim) Assign(name string, tps []TopicPartition) error {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return err
	}
	for _, tp := range tps {
		if s.partition(tp.Topic, tp.Partition) == nil {
			if s.topics[tp.Topic] == nil {
				return unknownTopic(tp.Topic)
			}
			return cmdErr(fmt.Sprintf("Partition %d of topic %s does not exist (it has %d partitions)", tp.Partition, tp.Topic, len(s.topics[tp.Topic].partitions)))
		}
	}
	var parts []*consumerPart
	for _, tp := range tps {
		if cp := c.part(tp.Topic, tp.Partition); cp != nil {
			parts = append(parts, cp)
		} else {
			parts = append(parts, &consumerPart{topic: tp.Topic, partition: tp.Partition, position: -1, fetchOffset: -1})
		}
	}
	slices.SortFunc(parts, compareParts)
	parts = slices.CompactFunc(parts, func(a, b *consumerPart) bool { return a.topic == b.topic && a.partition == b.partition })
	c.parts = parts
	c.buffer = slices.DeleteFunc(c.buffer, func(r ConsumedRecord) bool { return c.part(r.Topic, r.Partition) == nil })
	return nil
}

func (c *Consumer) part(topic string, p int32) *consumerPart {
	for _, cp := range c.parts {
		if cp.topic == topic && cp.partition == p {
			return cp
		}
	}
	return nil
}

// Seek sets the next offset the consumer reads from a partition it is assigned. Offset -2 means
// the log start (seekToBeginning) and -1 the high watermark (seekToEnd).
func (s *Sim) Seek(name string, tp TopicPartition, offset int64) error {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return err
	}
	cp := c.part(tp.Topic, tp.Partition)
	if cp == nil {
		return cmdErr(fmt.Sprintf("No current assignment for partition %s", tpName(tp.Topic, tp.Partition)))
	}
	if offset < -2 {
		return cmdErr(fmt.Sprintf("seek offset must not be a negative number: %d", offset))
	}
	cp.failed, cp.seekTo = false, ""
	switch offset {
	case -2, -1:
		cp.position, cp.fetchOffset = -1, -1
		if cp.seekTo = "latest"; offset == -2 {
			cp.seekTo = "earliest"
		}
		if s.resetPosition(c, cp, cp.seekTo) {
			cp.seekTo = ""
		} // else no leader to ask yet: the consumer asks again every tick
	default:
		cp.position, cp.fetchOffset = offset, offset
	}
	cp.fetching = false
	cp.reqID = 0
	c.buffer = slices.DeleteFunc(c.buffer, func(r ConsumedRecord) bool { return r.Topic == tp.Topic && r.Partition == tp.Partition })
	return nil
}

// Poll returns up to max.poll.records buffered records and moves positions past them.
func (s *Sim) Poll(name string) ([]ConsumedRecord, error) {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return nil, err
	}
	n := min(len(c.buffer), c.cfg.MaxPollRecords)
	// Hand over the front of the buffer instead of copying it: the buffer moves past it and
	// never looks back, and the cap keeps the caller's appends out of the buffer.
	out := c.buffer[:n:n]
	c.buffer = c.buffer[n:]
	var cp *consumerPart // records come in runs from one partition: look each run up once
	for i := range out {
		r := &out[i]
		if cp == nil || cp.partition != r.Partition || cp.topic != r.Topic {
			if cp = c.part(r.Topic, r.Partition); cp == nil {
				continue
			}
		}
		cp.position = r.Offset + 1
	}
	c.polled += n
	return out, nil
}

// Positions returns the consumer's position in each assigned partition (-1 when not yet known).
func (c *Consumer) Positions() map[TopicPartition]int64 {
	out := map[TopicPartition]int64{}
	for _, cp := range c.parts {
		out[TopicPartition{cp.topic, cp.partition}] = cp.position
	}
	return out
}

// Assignment returns the assigned partitions in order.
func (c *Consumer) Assignment() []TopicPartition {
	out := make([]TopicPartition, len(c.parts))
	for i, cp := range c.parts {
		out[i] = TopicPartition{cp.topic, cp.partition}
	}
	return out
}

// CaughtUp says whether the consumer has read everything below every assigned partition's
// high watermark and holds nothing unpolled.
func (s *Sim) CaughtUp(name string) bool {
	c := s.Consumer(name)
	if c == nil || len(c.buffer) > 0 {
		return false
	}
	for _, cp := range c.parts {
		p := s.partition(cp.topic, cp.partition)
		if p == nil || cp.failed {
			continue
		}
		if p.leader < 0 || cp.position < 0 || cp.position < p.replicaOn(p.leader).hw {
			return false
		}
	}
	return true
}

func (c *Consumer) dropTopic(topic string) {
	c.parts = slices.DeleteFunc(c.parts, func(cp *consumerPart) bool { return cp.topic == topic })
	c.buffer = slices.DeleteFunc(c.buffer, func(r ConsumedRecord) bool { return r.Topic == topic })
}

// resetPosition applies a reset policy by asking the leader for its log start offset
// (earliest) or high watermark (latest), as ListOffsets does. With none there is nothing to
// ask: the partition fails, and poll() throws NoOffsetForPartitionException.
func (s *Sim) resetPosition(c *Consumer, cp *consumerPart, policy string) bool {
	if policy == "none" {
		if !cp.failed {
			cp.failed, cp.outOfRange = true, -1
			c.errs = append(c.errs, fmt.Sprintf("org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [%s]", tpName(cp.topic, cp.partition)))
			s.emit(EventOffsetReset, fmt.Sprintf("consumer %s has no offset for %s to start from and auto.offset.reset=none: its poll() throws NoOffsetForPartitionException",
				c.name, tpName(cp.topic, cp.partition)), onPartition(cp.topic, cp.partition), byClient(c.name))
		}
		return false
	}
	p := s.partition(cp.topic, cp.partition)
	if p == nil || p.leader < 0 || !s.broker(p.leader).up() {
		return false
	}
	lr := p.replicaOn(p.leader)
	switch policy {
	case "earliest":
		cp.position = lr.log.startOffset
	default:
		cp.position = lr.hw
	}
	cp.fetchOffset = cp.position
	return true
}

// PollError is the exception poll() throws while auto.offset.reset=none leaves partitions
// without a position: OffsetOutOfRangeException for a position the log no longer (or does not
// yet) hold, NoOffsetForPartitionException naming every partition with nothing to start from.
// It is "" when poll() returns normally.
func (c *Consumer) PollError() string {
	var none []string
	for _, cp := range c.parts {
		switch {
		case !cp.failed:
		case cp.outOfRange >= 0:
			return fmt.Sprintf("org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{offset=%d} is out of range for partition %s",
				cp.outOfRange, tpName(cp.topic, cp.partition))
		default:
			none = append(none, tpName(cp.topic, cp.partition))
		}
	}
	if len(none) == 0 {
		return ""
	}
	return "org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [" + strings.Join(none, ", ") + "]"
}

// consumerTick resets unknown positions and sends a fetch for every partition with none in flight.
func (s *Sim) consumerTick() {
	for _, c := range s.consumers {
		if c.grp != nil {
			s.groupConsumerTick(c)
			if c.grp.state == memberUnjoined {
				continue // out of the group: it fetches nothing until it rejoins
			}
		}
		for _, cp := range c.parts {
			if cp.failed {
				continue
			}
			if cp.position < 0 {
				policy := c.cfg.AutoOffsetReset
				if cp.seekTo != "" {
					policy = cp.seekTo
				}
				if !s.resetPosition(c, cp, policy) {
					continue
				}
				cp.seekTo = ""
			}
			if cp.fetching && s.now-cp.fetchSent > s.cfg.MsToTicks(30000) {
				cp.fetching = false // request.timeout.ms: the fetch was lost with its broker
			}
			if cp.fetching || s.now < cp.backoffUntil {
				continue
			}
			p := s.partition(cp.topic, cp.partition)
			if p == nil || p.leader < 0 {
				continue
			}
			c.nextID++
			cp.reqID = c.nextID
			cp.fetching = true
			cp.fetchSent = s.now
			s.send(message{kind: msgFetch, from: -1, to: p.leader, client: c.name, topic: cp.topic, partition: cp.partition,
				fetchReq: &fetchRequest{replicaID: -1, reqID: cp.reqID, fetchOffset: cp.fetchOffset, maxRecords: c.cfg.MaxPollRecords}})
		}
	}
}

// serveConsumerFetch answers a consumer's fetch from below the high watermark.
func (s *Sim) serveConsumerFetch(p *partition, r *replica, f parkedFetch) {
	off := f.req.fetchOffset
	if off < r.log.startOffset || off > r.log.endOffset {
		s.respondFetch(p, r, f, fetchResponse{err: ErrOffsetOutOfRange})
		return
	}
	if off >= r.hw {
		c := s.Consumer(f.client)
		wait := s.cfg.ReplicaFetchWaitMaxTicks
		if c != nil {
			wait = c.cfg.FetchMaxWaitTicks
		}
		f.deadline = s.now + wait
		r.parked = append(r.parked, f)
		return
	}
	s.respondFetch(p, r, f, fetchResponse{records: r.log.read(off, r.hw, f.req.maxRecords)})
}

func (s *Sim) consumerFetchFailed(m message, err ErrorCode) {
	c := s.Consumer(m.client)
	if c == nil {
		return
	}
	if cp := c.part(m.topic, m.partition); cp != nil && cp.reqID == m.fetchReq.reqID {
		cp.fetching = false
		cp.backoffUntil = s.now + s.cfg.MsToTicks(100)
	}
}

func (s *Sim) handleConsumerFetchResponse(m message) {
	c := s.Consumer(m.client)
	if c == nil {
		return
	}
	cp := c.part(m.topic, m.partition)
	resp := m.fetchResp
	if cp == nil || cp.reqID != resp.reqID {
		return
	}
	cp.fetching = false
	switch resp.err {
	case ErrNone:
	case ErrOffsetOutOfRange:
		old := cp.fetchOffset
		cp.position, cp.fetchOffset = -1, -1
		c.buffer = slices.DeleteFunc(c.buffer, func(r ConsumedRecord) bool { return r.Topic == cp.topic && r.Partition == cp.partition })
		why := fmt.Sprintf("consumer %s: offset %d of %s is out of range (OFFSET_OUT_OF_RANGE: log start %d, high watermark %d)",
			c.name, old, tpName(cp.topic, cp.partition), resp.logStart, resp.hw)
		if c.cfg.AutoOffsetReset == "none" {
			cp.failed, cp.outOfRange = true, old
			c.errs = append(c.errs, fmt.Sprintf("org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{offset=%d} is out of range for partition %s",
				old, tpName(cp.topic, cp.partition)))
			s.emit(EventOffsetReset, why+" and auto.offset.reset=none: its poll() throws OffsetOutOfRangeException",
				onPartition(cp.topic, cp.partition), byClient(c.name))
		} else if s.resetPosition(c, cp, c.cfg.AutoOffsetReset) {
			s.emit(EventOffsetReset, fmt.Sprintf("%s; auto.offset.reset=%s moved it to %d", why, c.cfg.AutoOffsetReset, cp.position),
				onPartition(cp.topic, cp.partition), byClient(c.name))
		}
		return
	default:
		cp.backoffUntil = s.now + s.cfg.MsToTicks(100)
		return
	}
	c.buffer = grow(c.buffer, len(resp.records))
	for i := range resp.records {
		rec := &resp.records[i]
		if rec.Offset < cp.fetchOffset {
			continue
		}
		c.buffer = append(c.buffer, ConsumedRecord{Topic: cp.topic, Partition: cp.partition, Record: *rec})
		cp.fetchOffset = rec.Offset + 1
	}
}
