package assign

import (
	"slices"
	"strings"
	"testing"
)

// fuzzIDs are the member ids the fuzzer picks from: Kafka's test names,
// a pair with equal Java hashCodes ("Aa", "BB"), and ids whose Java and Go
// orders differ or that are not valid UTF-8.
var fuzzIDs = []string{
	"consumer1", "consumer2", "consumer3", "consumer4", "a", "b",
	"Aa", "BB", "AaAa", "BBBB", "\uFF5E", "\U0001F600", "x\xff", "",
}

// decodeScenario turns fuzz bytes into a small group. Every byte is
// consumed modulo the range it selects from, so every input decodes, and
// the decoded group may be inconsistent in all the ways a real one could be
// (duplicate ids, owned partitions that do not exist, contested ownership).
func decodeScenario(data []byte) scenario {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	topics := []string{"t0", "t1", "t2", "t3"}[:1+next()%4]
	s := scenario{partitions: map[string]int32{}}
	for _, t := range topics {
		s.partitions[t] = int32(next() % 6)
	}
	all := append(slices.Clone(topics), "ghost") // ghost does not exist
	numMembers := 1 + next()%6
	for range numMembers {
		m := Member{ID: fuzzIDs[next()%len(fuzzIDs)], Generation: int32(next()%4) - 1}
		if next()%4 == 0 {
			m.InstanceID = fuzzIDs[next()%len(fuzzIDs)] + "-instance"
		}
		mask := next()
		for i, t := range all {
			if mask&(1<<i) != 0 {
				m.Topics = append(m.Topics, t)
			}
		}
		for range next() % 5 {
			m.Owned = append(m.Owned, TopicPartition{all[next()%len(all)], int32(next()%8) - 1})
		}
		s.members = append(s.members, m)
	}
	return s
}

// encodeScenario is decodeScenario's inverse for groups it can express
// (ids from fuzzIDs, topics t0..t3 and ghost, at most 6 members and 4
// owned partitions each); it builds the seed corpus.
func encodeScenario(numTopics int, counts []byte, members []Member) []byte {
	out := []byte{byte(numTopics - 1)}
	out = append(out, counts...)
	out = append(out, byte(len(members)-1))
	index := func(id string) byte { return byte(slices.Index(fuzzIDs, id)) }
	topicIndex := func(topic string) byte {
		if topic == "ghost" {
			return byte(numTopics)
		}
		return topic[1] - '0'
	}
	for _, m := range members {
		out = append(out, index(m.ID), byte(m.Generation+1))
		if m.InstanceID != "" {
			out = append(out, 0, index(strings.TrimSuffix(m.InstanceID, "-instance")))
		} else {
			out = append(out, 1)
		}
		var mask byte
		for _, t := range m.Topics {
			mask |= 1 << topicIndex(t)
		}
		out = append(out, mask, byte(len(m.Owned)))
		for _, tp := range m.Owned {
			out = append(out, topicIndex(tp.Topic), byte(tp.Partition+1))
		}
	}
	return out
}

func FuzzAssign(f *testing.F) {
	f.Add([]byte{})
	// testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers.
	f.Add(encodeScenario(2, []byte{2, 2}, []Member{
		owns(dyn("consumer1", "t0", "t1"), 1, "t0-0 t1-0"),
		owns(dyn("consumer2", "t0", "t1"), 1, "t0-1 t1-1"),
		owns(dyn("consumer3", "t0", "t1"), 1, ""),
	}))
	// A partition claimed twice in the same generation (cooperative test).
	f.Add(encodeScenario(1, []byte{4}, []Member{
		owns(dyn("consumer1", "t0"), 1, "t0-0 t0-1"),
		owns(dyn("consumer2", "t0"), 1, "t0-0 t0-2"),
		owns(dyn("consumer3", "t0"), 1, ""),
	}))
	// testMultipleConsumersMixedTopicSubscriptions (general path).
	f.Add(encodeScenario(2, []byte{3, 2}, []Member{
		dyn("consumer1", "t0"), dyn("consumer2", "t0", "t1"), dyn("consumer3", "t0"),
	}))
	// Static members, a subscription to a topic that does not exist, a
	// stale generation, and Java-colliding ids.
	f.Add(encodeScenario(3, []byte{5, 3, 1}, []Member{
		static("Aa", "a-instance", "t0", "t1", "ghost"),
		owns(dyn("BB", "t0", "t2"), 0, "t0-1 t2-0"),
		owns(dyn("\U0001F600", "t1", "t2"), 2, "t0-1 t1-2"),
		dyn("\uFF5E", "t0"),
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := decodeScenario(data)
		ms, _ := checkMembers(s.members)
		uniqueIDs := len(ms) == len(s.members)
		uniform := true
		for _, m := range ms[1:] {
			uniform = uniform && slices.Equal(slices.Compact(slices.Sorted(slices.Values(m.Topics))),
				slices.Compact(slices.Sorted(slices.Values(ms[0].Topics))))
		}

		r := Range(s.members, s.partitions)
		if err := checkValid(s.members, s.partitions, r, nil); err != nil {
			t.Fatalf("range: %v\n%v", err, s)
		}
		rr := RoundRobin(s.members, s.partitions)
		if err := checkValid(s.members, s.partitions, rr, nil); err != nil {
			t.Fatalf("roundrobin: %v\n%v", err, s)
		}
		if uniform && countSpread(rr) > 1 {
			t.Fatalf("roundrobin unbalanced\n%v\n%s", s, rr)
		}
		if uniqueIDs {
			rev := slices.Clone(s.members)
			slices.Reverse(rev)
			if Range(rev, s.partitions).String() != r.String() || RoundRobin(rev, s.partitions).String() != rr.String() {
				t.Fatalf("range/roundrobin depend on member order\n%v", s)
			}
		}

		st := Sticky(s.members, s.partitions)
		if err := checkValid(s.members, s.partitions, st, nil); err != nil {
			t.Fatalf("sticky: %v\n%v\n%s", err, s, st)
		}
		if err := checkBalanced(s.members, st); err != nil {
			t.Fatalf("sticky: %v\n%v\n%s", err, s, st)
		}
		if uniform && countSpread(st) > 1 {
			t.Fatalf("sticky unbalanced\n%v\n%s", s, st)
		}
		if again := Sticky(s.members, s.partitions); again.String() != st.String() {
			t.Fatalf("sticky not deterministic\n%v", s)
		}

		first, withheld := CooperativeSticky(s.members, s.partitions)
		if err := checkValid(s.members, s.partitions, first, withheld); err != nil {
			t.Fatalf("cooperative first round: %v\n%v\n%s withheld %v", err, s, first, withheld)
		}
		if !uniqueIDs {
			return // the rejoin rounds below assume one entry per member
		}
		_, _, last, final := cooperativeSettle(t, s.members, s.partitions, 5)
		if err := checkValid(last, s.partitions, final, nil); err != nil {
			t.Fatalf("cooperative settled: %v\n%v", err, s)
		}
		if err := checkBalanced(last, final); err != nil {
			t.Fatalf("cooperative settled: %v\n%v\n%s", err, s, final)
		}

		// Stickiness after a member leaves and after one joins, starting
		// from a consistent earlier plan.
		fresh := slices.Clone(s.members)
		for i := range fresh {
			fresh[i].Owned, fresh[i].Generation = nil, -1
		}
		prev := Sticky(fresh, s.partitions)
		leave := withOwned(fresh[1:], prev, 1)
		join := append(withOwned(fresh, prev, 1), dyn("joiner", fresh[0].Topics...))
		for _, members := range [][]Member{leave, join} {
			if len(members) == 0 {
				continue
			}
			p := Sticky(members, s.partitions)
			if err := checkValid(members, s.partitions, p, nil); err != nil {
				t.Fatalf("sticky rebalance: %v\n%v", err, s)
			}
			if err := checkBalanced(members, p); err != nil {
				t.Fatalf("sticky rebalance: %v\n%v\n%s", err, s, p)
			}
			if err := checkNoSwaps(members, p); err != nil {
				t.Fatalf("sticky rebalance: %v\n%v\n%s", err, s, p)
			}
			if newStickyState(members, s.partitions).allEqual {
				if err := checkQuotaSticky(members, s.partitions, p); err != nil {
					t.Fatalf("sticky rebalance: %v\n%v\n%s", err, s, p)
				}
			}
		}
	})
}
