package engine

import (
	"maps"
	"slices"
)

// View is an immutable picture of the whole simulation at one tick. It is what the UI draws,
// what lessons check and what `state --json` prints (docs/state-json.md describes the schema).
// Record slices are shared with the engine, so a View must be treated as read-only; the engine
// never changes a record once it is in a log, so a View stays true to the tick it was taken at.
// Its lists come sorted (brokers and controllers by id, topics by name, partitions by number,
// clients by name, groups by id), so its readers never need to sort them again.
type View struct {
	Tick             int64            `json:"tick"`
	TimeMs           int64            `json:"timeMs"`
	TickMs           int64            `json:"tickMs"`
	Seed             uint64           `json:"seed"`
	ActiveController int32            `json:"activeController"`
	ControllerEpoch  int32            `json:"controllerEpoch"`
	Controllers      []ControllerView `json:"controllers"`
	Brokers          []BrokerView     `json:"brokers"`
	Topics           []TopicView      `json:"topics"`
	Producers        []ProducerView   `json:"producers"`
	Consumers        []ConsumerView   `json:"consumers"`
	Groups           []GroupView      `json:"groups"`
	InFlight         []MessageView    `json:"inFlight"`
	EventCount       int64            `json:"eventCount"`
}

// ControllerView is one KRaft controller node.
type ControllerView struct {
	ID       int32        `json:"id"`
	Status   BrokerStatus `json:"status"`
	Isolated bool         `json:"isolated"`
	Active   bool         `json:"active"`
}

// BrokerView is one broker. State is the single word the UI shows: up, stopped, crashed,
// isolated or fenced (in that order of precedence after the process state).
type BrokerView struct {
	ID       int32        `json:"id"`
	Status   BrokerStatus `json:"status"`
	State    string       `json:"state"`
	Isolated bool         `json:"isolated"`
	Slow     bool         `json:"slow"`
	Fenced   bool         `json:"fenced"`
	Epoch    int64        `json:"brokerEpoch"`
	Leaders  int          `json:"leaders"`
	Replicas int          `json:"replicas"`
}

// TopicView is one topic with its partitions in order.
type TopicView struct {
	Name              string            `json:"name"`
	TopicID           string            `json:"topicId"`
	ReplicationFactor int               `json:"replicationFactor"`
	Configs           map[string]string `json:"configs"`
	Partitions        []PartitionView   `json:"partitions"`
}

// PartitionView is the controller's registration of a partition plus every replica's state.
type PartitionView struct {
	Topic            string        `json:"topic"`
	Partition        int32         `json:"partition"`
	Leader           int32         `json:"leader"` // -1 is none
	LeaderEpoch      int32         `json:"leaderEpoch"`
	PartitionEpoch   int32         `json:"partitionEpoch"`
	Replicas         []int32       `json:"replicas"`
	ISR              []int32       `json:"isr"`
	HighWatermark    int64         `json:"highWatermark"`  // the leader's; -1 without a leader
	LogEndOffset     int64         `json:"logEndOffset"`   // the leader's; -1 without a leader
	LogStartOffset   int64         `json:"logStartOffset"` // the leader's; -1 without a leader
	MinInsyncReplica int           `json:"minInsyncReplicas"`
	UnderReplicated  bool          `json:"underReplicated"`
	UnderMinISR      bool          `json:"underMinIsr"`
	Offline          bool          `json:"offline"`
	UncleanElections int           `json:"uncleanElections"`
	LostRecords      int           `json:"lostRecords"`
	ReplicaStates    []ReplicaView `json:"replicaStates"`
}

// ReplicaView is one broker's copy of a partition, as that broker has it.
type ReplicaView struct {
	Broker         int32        `json:"broker"`
	IsLeader       bool         `json:"isLeader"`     // the controller says it leads
	ThinksLeader   bool         `json:"thinksLeader"` // the broker believes it leads (a zombie if IsLeader is false)
	InSync         bool         `json:"inSync"`
	LogStartOffset int64        `json:"logStartOffset"`
	LogEndOffset   int64        `json:"logEndOffset"`
	HighWatermark  int64        `json:"highWatermark"`
	KnownEpoch     int32        `json:"knownLeaderEpoch"`
	Epochs         []EpochEntry `json:"epochs"`
	Segments       []Segment    `json:"segments"`
	CleanerOffset  int64        `json:"cleanerCheckpoint"` // first dirty offset on compacted topics
	Records        []Record     `json:"records"`
}

// ProducerView is one producer client.
type ProducerView struct {
	Name        string            `json:"name"`
	ProducerID  int64             `json:"producerId"`
	Acks        string            `json:"acks"`
	Idempotence bool              `json:"idempotence"`
	Pending     int               `json:"pending"`
	Stats       ProducerStats     `json:"stats"`
	Topic       string            `json:"topic,omitempty"`
	RatePerSec  int               `json:"ratePerSec"`
	Props       map[string]string `json:"props"`
}

// ConsumerView is one consumer client.
type ConsumerView struct {
	Name       string                  `json:"name"`
	Group      string                  `json:"group,omitempty"`
	MemberID   string                  `json:"memberId,omitempty"`
	Slow       bool                    `json:"slow,omitempty"`
	Assignment []ConsumerPartitionView `json:"assignment"`
	Buffered   int                     `json:"buffered"`
	Polled     int                     `json:"polled"`
	Errors     []string                `json:"errors,omitempty"`
}

// ConsumerPartitionView is a consumer's place in one partition.
type ConsumerPartitionView struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	Position  int64  `json:"position"`
	Lag       int64  `json:"lag"` // high watermark minus position; -1 when unknown
}

// MessageView is a message in flight, for animation.
type MessageView struct {
	Kind      string `json:"kind"`
	From      int32  `json:"from"`
	To        int32  `json:"to"`
	Client    string `json:"client,omitempty"`
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	SentTick  int64  `json:"sentTick"`
	DueTick   int64  `json:"dueTick"`
	Records   int    `json:"records"`
}

// View returns the current picture of the simulation.
func (s *Sim) View() View {
	v := View{Tick: s.now, TimeMs: s.NowMs(), TickMs: s.cfg.TickMs, Seed: s.cfg.Seed, ActiveController: s.active,
		ControllerEpoch: s.ctrlEpoch, EventCount: s.events.n,
		Controllers: []ControllerView{}, Brokers: []BrokerView{}, Topics: []TopicView{}, Producers: []ProducerView{},
		Consumers: []ConsumerView{}, InFlight: []MessageView{}}
	for _, c := range s.controllers {
		v.Controllers = append(v.Controllers, ControllerView{ID: c.id, Status: c.status, Isolated: c.isolated, Active: c.id == s.active})
	}
	for _, b := range s.brokers {
		bv := BrokerView{ID: b.id, Status: b.status, Isolated: b.isolated, Slow: b.slow, Fenced: b.fenced, Epoch: b.epoch}
		switch {
		case b.status != BrokerRunning:
			bv.State = b.status.String()
		case b.isolated:
			bv.State = "isolated"
		case b.fenced || !b.registered:
			bv.State = "fenced"
		default:
			bv.State = "up"
		}
		v.Brokers = append(v.Brokers, bv)
	}
	s.eachPartition(func(t *topic, p *partition) {
		if len(v.Topics) == 0 || v.Topics[len(v.Topics)-1].Name != t.name {
			cfg := map[string]string{}
			for k, val := range t.configs {
				cfg[k] = val
			}
			v.Topics = append(v.Topics, TopicView{Name: t.name, TopicID: t.id, ReplicationFactor: len(t.partitions[0].replicas), Configs: cfg})
		}
		tv := &v.Topics[len(v.Topics)-1]
		tv.Partitions = append(tv.Partitions, s.partitionView(t, p, v.Brokers))
	})
	for _, p := range s.producers {
		v.Producers = append(v.Producers, ProducerView{Name: p.name, ProducerID: p.pid, Acks: acksName(p.cfg.Acks),
			Idempotence: p.cfg.Idempotence, Pending: p.Pending(), Stats: p.stats, Props: maps.Clone(p.cfg.Props), Topic: p.rateTopic, RatePerSec: p.ratePerSec})
	}
	for _, c := range s.consumers {
		cv := ConsumerView{Name: c.name, Buffered: len(c.buffer), Polled: c.polled, Errors: slices.Clone(c.errs), Assignment: []ConsumerPartitionView{}}
		if c.grp != nil {
			cv.Group, cv.MemberID, cv.Slow = c.grp.groupID, c.grp.memberID, c.grp.slow
		}
		for _, cp := range c.parts {
			lag := int64(-1)
			if p := s.partition(cp.topic, cp.partition); p != nil && p.leader >= 0 && cp.position >= 0 {
				lag = max(0, p.replicaOn(p.leader).hw-cp.position)
			}
			cv.Assignment = append(cv.Assignment, ConsumerPartitionView{Topic: cp.topic, Partition: cp.partition, Position: cp.position, Lag: lag})
		}
		v.Consumers = append(v.Consumers, cv)
	}
	v.Groups = s.groupViews()
	for _, m := range s.net {
		mv := MessageView{Kind: m.kind.String(), From: m.from, To: m.to, Client: m.client, Topic: m.topic, Partition: m.partition,
			SentTick: m.sentAt, DueTick: m.deliverAt}
		switch {
		case m.fetchResp != nil:
			mv.Records = len(m.fetchResp.records)
		case m.produceReq != nil:
			mv.Records = len(m.produceReq.records)
		case m.produceResp != nil:
			mv.Records = len(m.produceResp.records)
		}
		v.InFlight = append(v.InFlight, mv)
	}
	return v
}

func (s *Sim) partitionView(t *topic, p *partition, brokers []BrokerView) PartitionView {
	pv := PartitionView{Topic: p.topic, Partition: p.id, Leader: p.leader, LeaderEpoch: p.leaderEpoch, PartitionEpoch: p.partitionEpoch,
		Replicas: slices.Clone(p.replicas), ISR: slices.Clone(p.isr), HighWatermark: -1, LogEndOffset: -1, LogStartOffset: -1,
		MinInsyncReplica: effectiveMinISR(t, p), UncleanElections: p.unclean, LostRecords: p.lostRecords}
	pv.UnderReplicated = len(p.isr) < len(p.replicas)
	pv.UnderMinISR = len(p.isr) < pv.MinInsyncReplica
	pv.Offline = p.leader < 0
	for _, r := range p.reps {
		rv := ReplicaView{Broker: r.broker, IsLeader: p.leader == r.broker, ThinksLeader: r.isLeader() && s.broker(r.broker).up(),
			InSync: slices.Contains(p.isr, r.broker), LogStartOffset: r.log.startOffset, LogEndOffset: r.log.endOffset,
			HighWatermark: r.hw, KnownEpoch: r.knownEpoch, Epochs: slices.Clone(r.log.epochs),
			Records: r.log.records[:len(r.log.records):len(r.log.records)]}
		if rv.Epochs == nil {
			rv.Epochs = []EpochEntry{}
		}
		rv.CleanerOffset = r.log.cleanerCheckpoint
		rv.Segments = make([]Segment, len(r.log.segments))
		for i, sg := range r.log.segments {
			rv.Segments[i] = Segment{BaseOffset: sg.baseOffset, Bytes: sg.bytes, Records: sg.records, MaxTimestamp: sg.maxTimestamp}
		}
		if rv.Records == nil {
			rv.Records = []Record{}
		}
		if rv.IsLeader {
			pv.HighWatermark, pv.LogEndOffset, pv.LogStartOffset = r.hw, r.log.endOffset, r.log.startOffset
		}
		for j := range brokers {
			if brokers[j].ID == r.broker {
				brokers[j].Leaders += btoi(rv.IsLeader)
				brokers[j].Replicas++
			}
		}
		pv.ReplicaStates = append(pv.ReplicaStates, rv)
	}
	return pv
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Topic returns the view of one topic.
func (v View) Topic(name string) (TopicView, bool) {
	for _, t := range v.Topics {
		if t.Name == name {
			return t, true
		}
	}
	return TopicView{}, false
}

// Partition returns the view of one partition.
func (v View) Partition(topic string, p int32) (PartitionView, bool) {
	t, ok := v.Topic(topic)
	if !ok || p < 0 || int(p) >= len(t.Partitions) {
		return PartitionView{}, false
	}
	return t.Partitions[p], true
}

// Broker returns the view of one broker.
func (v View) Broker(id int32) (BrokerView, bool) {
	for _, b := range v.Brokers {
		if b.ID == id {
			return b, true
		}
	}
	return BrokerView{}, false
}
