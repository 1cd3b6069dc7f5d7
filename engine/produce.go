package engine

import (
	"fmt"
	"slices"
	"strings"
)

type produceRequest struct {
	reqID        uint64
	acks         int8
	records      []Record // offsets unset; IDs, keys, values and timestamps set by the producer
	timeoutTicks int64
	pid          int64
	baseSeq      int32
}

type produceResponse struct {
	reqID      uint64
	err        ErrorCode
	baseOffset int64
	broker     int32
	records    []Record // the records as appended, for the producer's bookkeeping
}

// pendingProduce is an acks=all request waiting in the leader's purgatory for the HW to pass it.
type pendingProduce struct {
	client   string
	reqID    uint64
	base     int64
	records  []Record
	required int64 // the HW this request needs: its last offset + 1
	deadline int64
}

// handleProduce is Partition.appendRecordsToLeader: the checks, the append, and then either an
// immediate answer (acks=1), none (acks=0) or a wait in purgatory (acks=all).
func (s *Sim) handleProduce(m message) {
	req := m.produceReq
	reply := func(err ErrorCode, base int64, recs []Record) {
		s.send(message{kind: msgProduceResponse, from: m.to, to: -1, client: m.client, topic: m.topic,
			partition: m.partition, produceResp: &produceResponse{reqID: req.reqID, err: err, baseOffset: base, broker: m.to, records: recs}})
	}
	p := s.partition(m.topic, m.partition)
	if p == nil {
		reply(ErrUnknownTopicOrPartition, -1, nil)
		return
	}
	r := p.replicaOn(m.to)
	if r == nil || !r.isLeader() {
		reply(ErrNotLeaderOrFollower, -1, nil)
		return
	}
	t := s.topics[p.topic]
	if strings.Contains(topicValue(t, "cleanup.policy"), "compact") {
		for _, rec := range req.records {
			if rec.NullKey {
				reply(ErrInvalidRecord, -1, nil)
				return
			}
		}
	}
	if req.acks == -1 && len(r.knownISR) < effectiveMinISR(t, p) {
		reply(ErrNotEnoughReplicas, -1, nil)
		return
	}
	var appended []Record
	var base int64
	offs, dup := r.locateBatch(req.pid, req.baseSeq, len(req.records))
	if dup {
		// A retry: answer with the offsets the records already have. Kafka replicates whole
		// batches, so a log holds all of a batch or none of it; here a follower's fetch can stop
		// inside a batch (replica.fetch.max.bytes is modelled in records), so a new leader may
		// hold only the start of one. The records it lacks are appended now, once each.
		appended = make([]Record, len(req.records))
		missing := 0
		for i, rec := range req.records {
			if offs[i] >= 0 {
				if have, ok := r.log.recordAt(offs[i]); ok {
					appended[i] = have
				} else {
					rec.Offset = offs[i] // already removed by retention or compaction
					appended[i] = rec
				}
				continue
			}
			rec.Offset = r.log.endOffset
			rec.LeaderEpoch = r.knownEpoch
			r.log.appendRecord(rec)
			r.trackBatch(req.pid, rec.Sequence, rec.Sequence, rec.Offset)
			appended[i] = rec
			missing++
		}
		base = appended[0].Offset
		what := "did not append it again"
		if missing > 0 {
			what = fmt.Sprintf("appended only the %d record(s) it did not have", missing)
			r.progress[p.replicaIndex(r.broker)].leo = r.log.endOffset
		}
		s.emit(EventRecordsDuplicated, fmt.Sprintf(
			"%s: broker %d recognised a retried batch from producer %s (producer id %d, sequence %d) and %s",
			p.name(), r.broker, m.client, req.pid, req.baseSeq, what), onPartition(p.topic, p.id), onBroker(r.broker), byClient(m.client))
		if missing > 0 {
			s.maybeAdvanceHW(p, r)
		}
	} else {
		base = r.log.endOffset
		r.log.records = grow(r.log.records, len(req.records))
		for _, rec := range req.records {
			rec.Offset = r.log.endOffset
			rec.LeaderEpoch = r.knownEpoch
			r.log.appendRecord(rec)
		}
		// The records as appended are the end of the log itself: read caps the slice and
		// records in a log never change, so the producer's bookkeeping can share them.
		appended = r.log.read(base, r.log.endOffset, 0)
		if req.pid >= 0 {
			r.trackBatch(req.pid, req.baseSeq, req.baseSeq+int32(len(req.records))-1, base)
		}
		r.progress[p.replicaIndex(r.broker)].leo = r.log.endOffset
		offsets := offsetsOf(appended)
		s.emit(EventRecordsAppended, fmt.Sprintf("%s: leader %d appended %d record(s) from %s at offset(s) %s (epoch %d, acks=%s)",
			p.name(), r.broker, len(appended), m.client, fmtOffsets(offsets), r.knownEpoch, acksName(req.acks)),
			onPartition(p.topic, p.id), onBroker(r.broker), withOffsets(offsets), byClient(m.client))
		s.maybeAdvanceHW(p, r)
	}
	switch req.acks {
	case 0:
		for _, rec := range appended {
			p.acked = appendShared(p.acked, ackedRecord{offset: rec.Offset, id: rec.ID, acks: 0})
		}
	case 1:
		reply(ErrNone, base, appended)
	default:
		required := base
		for _, rec := range appended {
			required = max(required, rec.Offset+1)
		}
		r.purgatory = append(r.purgatory, pendingProduce{client: m.client, reqID: req.reqID, base: base, records: appended,
			required: required, deadline: s.now + req.timeoutTicks})
	}
}

func offsetsOf(recs []Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.Offset
	}
	return out
}

func acksName(a int8) string {
	if a == -1 {
		return "all"
	}
	return itoa(int64(a))
}

// checkPurgatory is Partition.checkEnoughReplicasReachOffset for every waiting acks=all request.
func (s *Sim) checkPurgatory(p *partition, r *replica) {
	if len(r.purgatory) == 0 {
		return
	}
	t := s.topics[p.topic]
	keep := r.purgatory[:0:0]
	for _, w := range r.purgatory {
		switch {
		case r.hw >= w.required:
			err := ErrNone
			if len(r.knownISR) < effectiveMinISR(t, p) {
				err = ErrNotEnoughReplicasAfterAppend
			}
			s.answerPending(p, r, w, err)
		case s.now >= w.deadline:
			s.answerPending(p, r, w, ErrRequestTimedOut)
		default:
			keep = append(keep, w)
		}
	}
	r.purgatory = keep
}

func (s *Sim) answerPending(p *partition, r *replica, w pendingProduce, err ErrorCode) {
	resp := &produceResponse{reqID: w.reqID, err: err, baseOffset: w.base, broker: r.broker}
	if err == ErrNone {
		resp.records = w.records
	}
	s.send(message{kind: msgProduceResponse, from: r.broker, to: -1, client: w.client, topic: p.topic, partition: p.id, produceResp: resp})
}

// failPurgatory answers every waiting request with err, as when a leader steps down or dies.
func (s *Sim) failPurgatory(p *partition, r *replica, err ErrorCode) {
	for _, w := range r.purgatory {
		s.answerPending(p, r, w, err)
	}
	r.purgatory = nil
}

// locateBatch is the idempotence check (ProducerStateManager): it finds where the n records of
// a batch from producer pid, starting at sequence first, already are in the replica's log.
// offs[i] is the offset of the record with sequence first+i, or -1 when the log does not hold
// it; dup says whether the first one is there, which makes the request a retry of a batch the
// log already has.
//
// The replica remembers sequence ranges rather than exact batches: a follower appends what it
// fetches record by record, so trackBatch merges records with consecutive sequences at
// consecutive offsets into one range, and on the leader two batches sent back to back merge the
// same way. A retry must therefore be recognised by where its sequences fall, not by matching a
// remembered batch's first sequence: matching only first sequences let a retried second batch,
// or a batch retried after a fail-over to a follower that had copied it, be appended twice.
func (r *replica) locateBatch(pid int64, first int32, n int) (offs []int64, dup bool) {
	if pid < 0 {
		return nil, false
	}
	var ranges []batchMeta
	for _, e := range r.producers {
		if e.pid == pid {
			ranges = e.batches
		}
	}
	offs = make([]int64, n)
	for i := range offs {
		seq := first + int32(i)
		offs[i] = -1
		for _, b := range ranges {
			if b.firstSeq <= seq && seq <= b.lastSeq {
				offs[i] = b.firstOffset + int64(seq-b.firstSeq)
			}
		}
	}
	return offs, n > 0 && offs[0] >= 0
}

func (r *replica) trackBatch(pid int64, first, last int32, offset int64) {
	i, found := slices.BinarySearchFunc(r.producers, pid, func(e producerEntry, pid int64) int {
		switch {
		case e.pid < pid:
			return -1
		case e.pid > pid:
			return 1
		}
		return 0
	})
	if !found {
		r.producers = slices.Insert(r.producers, i, producerEntry{pid: pid})
	}
	e := &r.producers[i]
	if n := len(e.batches); n > 0 && e.batches[n-1].lastSeq+1 == first && e.batches[n-1].firstOffset+int64(e.batches[n-1].lastSeq-e.batches[n-1].firstSeq)+1 == offset {
		// A follower appends a batch record by record; extend the batch it is building. Batches
		// sent back to back merge too, which is why locateBatch searches by sequence range.
		e.batches[n-1].lastSeq = last
		return
	}
	e.batches = append(slices.Clone(e.batches), batchMeta{firstSeq: first, lastSeq: last, firstOffset: offset})
	if len(e.batches) > 5 {
		e.batches = e.batches[len(e.batches)-5:]
	}
}

// trackProducers records replicated records in the follower's producer state, so that a
// follower that becomes leader still recognises retries (Kafka rebuilds this from the log).
// A run of records from one producer with consecutive sequences at consecutive offsets is one
// call to trackBatch, which is what calling it record by record adds up to.
func (r *replica) trackProducers(recs []Record) {
	for i := 0; i < len(recs); {
		first := &recs[i]
		j := i + 1
		if first.ProducerID >= 0 {
			for j < len(recs) && recs[j].ProducerID == first.ProducerID &&
				recs[j].Sequence == recs[j-1].Sequence+1 && recs[j].Offset == recs[j-1].Offset+1 {
				j++
			}
			r.trackBatch(first.ProducerID, first.Sequence, recs[j-1].Sequence, first.Offset)
		}
		i = j
	}
}

// rebuildProducers recomputes producer state from the log after a truncation.
func (r *replica) rebuildProducers() {
	r.producers = nil
	r.trackProducers(r.log.records)
}
