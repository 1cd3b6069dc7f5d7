package engine

import (
	"encoding/json"
	"slices"
)

// Header is a record header. Kafka allows repeated header keys, so headers are a list.
type Header struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Record is one record in a partition log. Records are values and are never changed after they
// are appended, which lets logs share their backing arrays between clones and views.
type Record struct {
	Offset      int64
	Timestamp   int64 // CreateTime in ms since the Unix epoch (simulated)
	LeaderEpoch int32 // epoch of the leader that appended it
	Key         string
	Value       string
	NullKey     bool // a null key is not the same as an empty key: only null keys skip murmur2
	NullValue   bool // a null value is a tombstone on compacted topics
	Headers     []Header
	ProducerID  int64 // -1 without idempotence
	Sequence    int32 // -1 without idempotence
	// DeleteHorizonMs is when a tombstone may be removed by the log cleaner: set by the first
	// cleaning that sees it (KIP-534), 0 until then.
	DeleteHorizonMs int64
	// ID identifies the send that produced the record across replicas and retries, so loss and
	// duplication can be told apart: a retried non-idempotent send appends the same ID twice.
	ID uint64
}

// recordOverheadBytes stands in for Kafka's per-record framing (varints, attributes, timestamp
// delta) so that sizes scale the way they do in Kafka without modelling the wire format.
const recordOverheadBytes = 14

// SizeBytes is the record's size in the log, used for segment.bytes, retention.bytes and
// batch.size. It is a teaching-scale approximation: payload lengths plus a fixed overhead.
func (r Record) SizeBytes() int64 {
	n := int64(recordOverheadBytes + len(r.Key) + len(r.Value))
	for _, h := range r.Headers {
		n += int64(len(h.Key) + len(h.Value) + 2)
	}
	return n
}

// unwritten and same are for appendShared: a slot of a record array that no log has written
// holds a zero ID, and one another log wrote is taken over only if it holds the same record in
// every field, headers included.
func (r *Record) unwritten() bool { return r.ID == 0 }

func (r *Record) same(o Record) bool {
	return r.Offset == o.Offset && r.Timestamp == o.Timestamp && r.LeaderEpoch == o.LeaderEpoch &&
		r.Key == o.Key && r.Value == o.Value && r.NullKey == o.NullKey && r.NullValue == o.NullValue &&
		r.ProducerID == o.ProducerID && r.Sequence == o.Sequence && r.DeleteHorizonMs == o.DeleteHorizonMs &&
		r.ID == o.ID && slices.Equal(r.Headers, o.Headers)
}

// KeyString renders the key the way the console consumer does: "null" for a null key.
func (r Record) KeyString() string {
	if r.NullKey {
		return "null"
	}
	return r.Key
}

// ValueString renders the value the way the console consumer does: "null" for a null value.
func (r Record) ValueString() string {
	if r.NullValue {
		return "null"
	}
	return r.Value
}

type recordJSON struct {
	Offset      int64    `json:"offset"`
	Timestamp   int64    `json:"timestamp"`
	LeaderEpoch int32    `json:"leaderEpoch"`
	Key         *string  `json:"key"`
	Value       *string  `json:"value"`
	Headers     []Header `json:"headers,omitempty"`
	ProducerID  int64    `json:"producerId"`
	Sequence    int32    `json:"sequence"`
	ID          uint64   `json:"id"`
	Horizon     int64    `json:"deleteHorizonMs,omitempty"`
}

// MarshalJSON writes null keys and values as JSON null.
func (r Record) MarshalJSON() ([]byte, error) {
	j := recordJSON{Offset: r.Offset, Timestamp: r.Timestamp, LeaderEpoch: r.LeaderEpoch,
		Headers: r.Headers, ProducerID: r.ProducerID, Sequence: r.Sequence, ID: r.ID, Horizon: r.DeleteHorizonMs}
	if !r.NullKey {
		k := r.Key
		j.Key = &k
	}
	if !r.NullValue {
		v := r.Value
		j.Value = &v
	}
	return json.Marshal(j)
}

// UnmarshalJSON is the inverse of MarshalJSON.
func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Record{Offset: j.Offset, Timestamp: j.Timestamp, LeaderEpoch: j.LeaderEpoch,
		Headers: j.Headers, ProducerID: j.ProducerID, Sequence: j.Sequence, ID: j.ID, DeleteHorizonMs: j.Horizon}
	if j.Key == nil {
		r.NullKey = true
	} else {
		r.Key = *j.Key
	}
	if j.Value == nil {
		r.NullValue = true
	} else {
		r.Value = *j.Value
	}
	return nil
}
