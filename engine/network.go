package engine

import (
	"slices"
)

// msgKind is the request or response a message carries. Only the data plane travels as
// messages; metadata (heartbeats, AlterPartition, metadata replay) is modelled as immediate
// when the two nodes can reach each other, because its timing is not what the playground teaches.
type msgKind uint8

const (
	msgFetch msgKind = iota + 1
	msgFetchResponse
	msgProduce
	msgProduceResponse
)

func (k msgKind) String() string {
	return [...]string{"", "Fetch", "FetchResponse", "Produce", "ProduceResponse"}[k]
}

// message is one request or response in flight. Payloads are never changed after sending, so
// clones share them.
type message struct {
	sentAt    int64
	deliverAt int64
	seq       uint64
	kind      msgKind
	from, to  int32  // broker ids; -1 for the client end
	client    string // the client (producer or consumer) at the client end
	topic     string
	partition int32

	fetchReq    *fetchRequest
	fetchResp   *fetchResponse
	produceReq  *produceRequest
	produceResp *produceResponse
}

type fetchRequest struct {
	replicaID        int32 // -1 for a consumer
	reqID            uint64
	fetchOffset      int64
	lastFetchedEpoch int32
	leaderEpoch      int32
	maxRecords       int
}

type fetchResponse struct {
	reqID       uint64
	err         ErrorCode
	records     []Record
	prefix      []Record // to a follower: the leader's log up to the end of records, in one array
	hw          int64
	logStart    int64
	leaderEpoch int32
	diverging   *EpochEntry // epoch and its end offset (in StartOffset), when the logs diverge
}

func (s *Sim) send(m message) {
	s.seq++
	m.seq = s.seq
	m.sentAt = s.now
	m.deliverAt = s.now + s.cfg.NetworkLatencyTicks + s.slowDelay(m)
	s.net = append(s.net, m)
}

// slowDelay adds the slow-disk delay to replication traffic touching a slow broker. Consumer
// fetches travel as the same message kinds but have a client at one end (-1); they are not
// delayed, so that "broker slow" makes a lagging follower without also stalling the consumers
// of a partition the slow broker happens to lead (its produce path is not delayed either).
func (s *Sim) slowDelay(m message) int64 {
	if m.kind != msgFetch && m.kind != msgFetchResponse || m.from < 0 || m.to < 0 {
		return 0
	}
	for _, id := range [2]int32{m.from, m.to} {
		if b := s.broker(id); b != nil && b.slow {
			return s.cfg.SlowFetchDelayTicks
		}
	}
	return 0
}

// deliver hands every message that is due to its destination, oldest first. It runs every
// tick, so it allocates nothing when nothing is due and otherwise only the list of due
// messages: the others stay where they are (the network slice is this Sim's alone; Clone
// copies it).
func (s *Sim) deliver() {
	n := 0
	for i := range s.net {
		if s.net[i].deliverAt <= s.now {
			n++
		}
	}
	if n == 0 {
		return
	}
	due := make([]message, 0, n)
	keep := s.net[:0]
	for _, m := range s.net {
		if m.deliverAt <= s.now {
			due = append(due, m)
		} else {
			keep = append(keep, m)
		}
	}
	clear(s.net[len(keep):]) // let the collector have the payloads of delivered messages
	s.net = keep
	slices.SortFunc(due, func(a, b message) int {
		if a.deliverAt != b.deliverAt {
			return int(a.deliverAt - b.deliverAt)
		}
		return int(a.seq - b.seq)
	})
	for _, m := range due {
		s.deliverOne(m)
	}
}

// peersConnected says whether two brokers can exchange replication traffic right now.
func (s *Sim) peersConnected(a, b int32) bool {
	x, y := s.broker(a), s.broker(b)
	return x != nil && y != nil && x.reachable() && y.reachable()
}

func (s *Sim) deliverOne(m message) {
	switch m.kind {
	case msgFetch:
		dst := s.broker(m.to)
		if m.fetchReq.replicaID >= 0 {
			if !s.peersConnected(m.from, m.to) {
				s.followerFetchFailed(m)
				return
			}
		} else if dst == nil || !dst.up() {
			s.consumerFetchFailed(m, ErrNetworkException)
			return
		}
		s.handleFetch(m)
	case msgFetchResponse:
		if m.to >= 0 {
			if !s.peersConnected(m.from, m.to) {
				s.followerFetchFailed(m)
				return
			}
			s.handleFollowerFetchResponse(m)
		} else {
			s.handleConsumerFetchResponse(m)
		}
	case msgProduce:
		if dst := s.broker(m.to); dst == nil || !dst.up() {
			s.handleProduceResponse(m.client, m.topic, m.partition, &produceResponse{reqID: m.produceReq.reqID, err: ErrNetworkException, broker: m.to})
			return
		}
		s.handleProduce(m)
	case msgProduceResponse:
		s.handleProduceResponse(m.client, m.topic, m.partition, m.produceResp)
	}
}

// abortFetch tells the sender of a parked fetch that its connection closed, as a broker that
// dies does: the follower or consumer backs off and fetches again.
func (s *Sim) abortFetch(p *partition, f parkedFetch) {
	if f.req.replicaID >= 0 {
		if r := p.replicaOn(f.from); r != nil {
			r.fetching = false
			r.backoffUntil = s.now + s.cfg.ReplicaFetchBackoffTicks
		}
		return
	}
	s.consumerFetchFailed(message{client: f.client, topic: p.topic, partition: p.id, fetchReq: &f.req}, ErrNetworkException)
}

// followerFetchFailed resets a follower whose fetch or its response was lost, so that it backs
// off and tries again (replica.fetch.backoff.ms).
func (s *Sim) followerFetchFailed(m message) {
	follower := m.from
	if m.kind == msgFetchResponse {
		follower = m.to
	}
	p := s.partition(m.topic, m.partition)
	if p == nil {
		return
	}
	if r := p.replicaOn(follower); r != nil {
		r.fetching = false
		r.backoffUntil = s.now + s.cfg.ReplicaFetchBackoffTicks
	}
}
