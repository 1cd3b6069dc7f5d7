package engine

import (
	"encoding/base64"
	"math/rand/v2"
	"slices"
	"sort"
)

// Sim is one simulated Kafka cluster with its clients. Every exported method that changes state
// is a command: it validates first and changes nothing when it returns an error.
type Sim struct {
	cfg  Config
	pcg  *rand.PCG
	rng  *rand.Rand
	now  int64
	seq  uint64 // message sequence, for a stable delivery order
	ids  uint64 // record ids
	pids int64  // producer ids handed out by the controller

	brokers     []*broker // sorted by id
	controllers []*controllerNode
	active      int32 // active controller node id, -1 when the quorum has none
	ctrlEpoch   int32
	electionAt  int64 // tick at which a leaderless quorum elects, 0 when not scheduled
	quorumLost  bool  // an event said "no majority"; said once until it changes

	topics map[string]*topic
	order  []string // topic names, sorted

	net       []message
	producers []*Producer // sorted by name
	consumers []*Consumer // sorted by name
	groups    []*group    // sorted by id

	events   eventLog
	observer func(*Sim)
	// internal collects changes to internal topics (__consumer_offsets) while a broker failure
	// is handled, so the event log gets one summary line instead of fifty.
	internal *internalSummary
}

type internalSummary struct {
	elected, offline, shrunk int
}

// BrokerStatus is a broker's process state.
type BrokerStatus uint8

// Broker process states. A running broker can still be isolated or fenced.
const (
	BrokerRunning BrokerStatus = iota
	BrokerStopped              // clean shutdown
	BrokerCrashed              // killed
)

func (b BrokerStatus) String() string {
	return [...]string{"running", "stopped", "crashed"}[b]
}

// MarshalText makes statuses appear by name in JSON.
func (b BrokerStatus) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

type broker struct {
	id            int32
	status        BrokerStatus
	isolated      bool
	slow          bool
	fenced        bool  // the controller's view: fenced brokers lead nothing and join no ISR
	lastHeartbeat int64 // as seen by the active controller
	epoch         int64 // broker epoch: bumps each time the broker registers
	registered    bool
	// staleMetadata: the controller changed a partition of this broker while it was cut off.
	// A KRaft broker replays the metadata log once it reaches the quorum again; here it is
	// brought up to date at its next heartbeat (syncBroker).
	staleMetadata bool
}

func (b *broker) up() bool { return b.status == BrokerRunning }

// reachable says whether the broker can talk to the controller quorum and its peers.
func (b *broker) reachable() bool { return b.status == BrokerRunning && !b.isolated }

type controllerNode struct {
	id       int32
	status   BrokerStatus
	isolated bool
}

func (c *controllerNode) voting() bool { return c.status == BrokerRunning && !c.isolated }

type topic struct {
	name       string
	id         string
	configs    map[string]string // overrides only; defaults are in topicConfigDefs
	partitions []*partition
}

// partition holds the controller's registration of one partition (replicas, ISR, leader and the
// epochs) and the replicas that live on the brokers.
type partition struct {
	topic          string
	id             int32
	replicas       []int32 // assignment order; the first is the preferred leader
	isr            []int32
	leader         int32 // -1 is "none"
	leaderEpoch    int32
	partitionEpoch int32
	reps           []*replica // aligned with replicas
	acked          []ackedRecord
	unclean        int // unclean elections so far
	lostRecords    int
}

// ackedRecord remembers a record a producer was told was written, so that a later loss can be
// detected and named. acks is 0, 1 or -1.
type ackedRecord struct {
	offset int64
	id     uint64
	acks   int8
	lost   bool
}

// unwritten and same are for appendShared, which partition.acked appends through: IDs start at 1.
func (a *ackedRecord) unwritten() bool         { return a.id == 0 }
func (a *ackedRecord) same(o ackedRecord) bool { return *a == o }

// replica is one broker's copy of a partition: its log, its high watermark and what it last
// learned from the controller. A broker that is isolated keeps acting on stale knowledge, which
// is how zombie leaders happen.
type replica struct {
	broker int32
	log    partitionLog
	hw     int64

	knownLeader int32
	knownEpoch  int32
	knownISR    []int32

	// Leader state.
	progress  []followerProgress // aligned with partition.replicas
	parked    []parkedFetch
	purgatory []pendingProduce

	// Follower state.
	fetching     bool
	fetchSent    int64
	backoffUntil int64

	producers []producerEntry // idempotent producer state, sorted by pid
}

func (r *replica) isLeader() bool { return r.knownLeader == r.broker }

// followerProgress is what a leader knows about one follower (Kafka's Replica state).
type followerProgress struct {
	leo                int64 // -1 until the follower fetches under this leader
	lastFetchTick      int64
	lastCaughtUpTick   int64
	lastFetchLeaderLEO int64
}

// producerEntry is the broker's memory of an idempotent producer's last batches on a partition
// (Kafka keeps five), so a retried batch is acknowledged with its first offset, not appended twice.
type producerEntry struct {
	pid     int64
	batches []batchMeta
}

type batchMeta struct {
	firstSeq, lastSeq int32
	firstOffset       int64
}

// New builds a cluster from cfg: brokers 1..cfg.Brokers, all registered and unfenced, and an
// elected controller, as a cluster looks right after it has started.
func New(cfg Config) (*Sim, error) {
	if err := cfg.validate(); err != nil {
		return nil, cmdErr(err.Error())
	}
	pcg := rand.NewPCG(cfg.Seed, 0x6b61666b61) // the stream constant is "kafka"
	s := &Sim{cfg: cfg, pcg: pcg, rng: rand.New(pcg), active: -1, topics: map[string]*topic{}}
	for i := 0; i < cfg.Controllers; i++ {
		s.controllers = append(s.controllers, &controllerNode{id: int32(ControllerIDBase + i)})
	}
	for i := 1; i <= cfg.Brokers; i++ {
		s.brokers = append(s.brokers, &broker{id: int32(i), registered: true, epoch: 1})
	}
	// The quorum elects its first controller at start-up, before anything else can happen.
	s.elect(s.controllers[s.rng.IntN(len(s.controllers))])
	return s, nil
}

// MustNew is New for configurations known to be valid (tests and examples).
func MustNew(cfg Config) *Sim {
	s, err := New(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

// Config returns the configuration the simulation runs with.
func (s *Sim) Config() Config { return s.cfg }

// Now is the current tick.
func (s *Sim) Now() int64 { return s.now }

// NowMs is the simulated time since the start, in ms.
func (s *Sim) NowMs() int64 { return s.cfg.TicksToMs(s.now) }

// Seed is the seed the simulation started from.
func (s *Sim) Seed() uint64 { return s.cfg.Seed }

// Events returns every event so far, oldest first. The slice must not be modified. On a long
// run it is a copy: callers that want the newest events use EventsSince and EventCount.
func (s *Sim) Events() []Event { return s.events.from(0) }

// EventsSince returns the events with Seq > seq (events are numbered from 1).
func (s *Sim) EventsSince(seq int64) []Event { return s.events.from(seq) }

// EventCount is the number of events so far, which is also the Seq of the last one.
func (s *Sim) EventCount() int64 { return s.events.n }

// EventKindCounts is how many events of each kind there have been.
func (s *Sim) EventKindCounts() [256]int64 { return s.events.kinds }

// SetObserver installs a function called after every tick and every command, such as an
// invariant checker in tests. It must not change the simulation.
func (s *Sim) SetObserver(f func(*Sim)) { s.observer = f }

func (s *Sim) observe() {
	if s.observer != nil {
		s.observer(s)
	}
}

// Tick advances simulated time by one tick: messages due now are delivered, the controller,
// leaders, followers and clients each take their turn, in that fixed order.
func (s *Sim) Tick() {
	s.now++
	s.deliver()
	s.controllerTick()
	s.groupTick()
	s.leaderTick()
	s.followerTick()
	s.producerTick()
	s.consumerTick()
	s.retentionTick()
	s.observe()
}

// TickN runs n ticks.
func (s *Sim) TickN(n int64) {
	for i := int64(0); i < n; i++ {
		s.Tick()
	}
}

func (s *Sim) broker(id int32) *broker {
	i := sort.Search(len(s.brokers), func(i int) bool { return s.brokers[i].id >= id })
	if i < len(s.brokers) && s.brokers[i].id == id {
		return s.brokers[i]
	}
	return nil
}

func (s *Sim) controller(id int32) *controllerNode {
	for _, c := range s.controllers {
		if c.id == id {
			return c
		}
	}
	return nil
}

func (s *Sim) partition(t string, p int32) *partition {
	tp := s.topics[t]
	if tp == nil || p < 0 || int(p) >= len(tp.partitions) {
		return nil
	}
	return tp.partitions[p]
}

// eachPartition visits every partition in topic, then partition order.
func (s *Sim) eachPartition(f func(*topic, *partition)) {
	for _, name := range s.order {
		t := s.topics[name]
		for _, p := range t.partitions {
			f(t, p)
		}
	}
}

func (p *partition) replicaOn(b int32) *replica {
	for i, id := range p.replicas {
		if id == b {
			return p.reps[i]
		}
	}
	return nil
}

func (p *partition) replicaIndex(b int32) int { return slices.Index(p.replicas, b) }

func (p *partition) name() string { return tpName(p.topic, p.id) }

func tpName(t string, p int32) string { return t + "-" + itoa(int64(p)) }

// newUUID returns a Kafka-style Uuid string (22 characters of URL-safe base64) from the PRNG.
func (s *Sim) newUUID() string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// NewRandomID returns a 22-character id from the simulation's PRNG, for client ids that Kafka
// makes random (member ids, console consumer groups). It is a command: it advances the PRNG.
func (s *Sim) NewRandomID() string { return s.newUUID() }

// RandomIntN draws from the simulation's PRNG (for the console consumer's random client name).
func (s *Sim) RandomIntN(n int) int { return s.rng.IntN(n) }

// Clone returns a copy that goes on independently of the original. Logs share their record
// arrays, spare room included, which is safe because an element of a record array is written
// once and never changes (appendShared); it is what makes a snapshot cheap and a seek copy no
// log. The one thing shared room asks: a Sim and its clones are stepped from one goroutine at
// a time, as the timeline and the UI (under the EventEnv lock) do.
func (s *Sim) Clone() *Sim {
	c := *s
	// The observer belongs to whoever watches the original (an invariant checker, the UI);
	// a clone starts unwatched and gets its own with SetObserver.
	c.observer = nil
	pcg := *s.pcg
	c.pcg = &pcg
	c.rng = rand.New(c.pcg)
	c.brokers = make([]*broker, len(s.brokers))
	for i, b := range s.brokers {
		bb := *b
		c.brokers[i] = &bb
	}
	c.controllers = make([]*controllerNode, len(s.controllers))
	for i, n := range s.controllers {
		nn := *n
		c.controllers[i] = &nn
	}
	c.topics = make(map[string]*topic, len(s.topics))
	for name, t := range s.topics {
		c.topics[name] = t.clone()
	}
	c.order = slices.Clone(s.order)
	c.net = slices.Clone(s.net)
	c.producers = make([]*Producer, len(s.producers))
	for i, p := range s.producers {
		c.producers[i] = p.clone()
	}
	c.consumers = make([]*Consumer, len(s.consumers))
	for i, cs := range s.consumers {
		c.consumers[i] = cs.clone()
	}
	c.groups = make([]*group, len(s.groups))
	for i, g := range s.groups {
		c.groups[i] = g.clone()
	}
	c.events = s.events.clone()
	return &c
}

func (t *topic) clone() *topic {
	c := *t
	c.configs = make(map[string]string, len(t.configs))
	for k, v := range t.configs {
		c.configs[k] = v
	}
	c.partitions = make([]*partition, len(t.partitions))
	for i, p := range t.partitions {
		c.partitions[i] = p.clone()
	}
	return &c
}

func (p *partition) clone() *partition {
	c := *p
	c.replicas = slices.Clone(p.replicas)
	c.isr = slices.Clone(p.isr)
	c.acked = p.acked // shared, spare room included: see appendShared
	c.reps = make([]*replica, len(p.reps))
	for i, r := range p.reps {
		c.reps[i] = r.clone()
	}
	return &c
}

func (r *replica) clone() *replica {
	c := *r
	c.log = r.log.clone()
	c.knownISR = slices.Clone(r.knownISR)
	c.progress = slices.Clone(r.progress)
	c.parked = slices.Clone(r.parked)
	c.purgatory = slices.Clone(r.purgatory)
	c.producers = make([]producerEntry, len(r.producers))
	for i, e := range r.producers {
		c.producers[i] = producerEntry{pid: e.pid, batches: slices.Clone(e.batches)}
	}
	return &c
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
