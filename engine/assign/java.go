package assign

import (
	"strings"
	"unicode/utf8"
)

// This file holds the few pieces of Java behaviour that leak into Kafka's
// assignment results: String.compareTo (sorting member ids and topics),
// String.hashCode and TopicPartition.hashCode, and the iteration order of
// java.util.HashMap / HashSet. Kafka's sticky assignor walks HashMaps in a
// few places where the walk order decides the outcome, so a faithful
// simulator has to walk them in the same order.

// utf16Unit returns the first UTF-16 code unit Java would store for r: r
// itself inside the Basic Multilingual Plane, otherwise the high surrogate.
func utf16Unit(r rune) rune {
	if r < 0x10000 {
		return r
	}
	return 0xD800 + (r-0x10000)>>10
}

// javaCompare orders two strings the way Java's String.compareTo does:
// lexicographically by UTF-16 code unit, a proper prefix first. That is the
// same as Go's byte order for ASCII and for most of Unicode; it differs only
// when a supplementary character (U+10000 and up, stored as surrogates
// 0xD800–0xDFFF) meets a character in U+E000–U+FFFF. Bytes that are not valid
// UTF-8 count as U+FFFD, as they would after Kafka decoded them into a Java
// String. Two different Go strings that Java would see as equal (because both
// contain invalid bytes) fall back to byte order, so the result is still a
// total order and sorting stays deterministic.
func javaCompare(a, b string) int {
	if a == b {
		return 0
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		i += na
		j += nb
		if ra == rb {
			continue
		}
		ua, ub := utf16Unit(ra), utf16Unit(rb)
		if ua != ub {
			// Both high surrogates equal is handled below; here the first
			// differing code unit decides.
			if ua < ub {
				return -1
			}
			return 1
		}
		// Same high surrogate: the low surrogates follow the code points.
		if ra < rb {
			return -1
		}
		return 1
	}
	switch {
	case i < len(a):
		return 1
	case j < len(b):
		return -1
	}
	return strings.Compare(a, b)
}

// javaLess reports javaCompare(a, b) < 0.
func javaLess(a, b string) bool { return javaCompare(a, b) < 0 }

// javaStringHash is Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over
// the UTF-16 code units, in 32-bit wrapping arithmetic.
func javaStringHash(s string) int32 {
	var h uint32
	for _, r := range s { // invalid bytes decode to U+FFFD, as in Java
		if r < 0x10000 {
			h = 31*h + uint32(r)
			continue
		}
		r -= 0x10000
		h = 31*h + uint32(0xD800+(r>>10))
		h = 31*h + uint32(0xDC00+(r&0x3FF))
	}
	return int32(h)
}

// javaTopicPartitionHash is Kafka's TopicPartition.hashCode:
// 31*(31+partition) + topic.hashCode().
func javaTopicPartitionHash(tp TopicPartition) int32 {
	h := uint32(31) + uint32(tp.Partition)
	h = 31*h + uint32(javaStringHash(tp.Topic))
	return int32(h)
}

// HashMap constants from java.util.HashMap.
const (
	javaInitialCapacity  = 16
	javaTreeifyThreshold = 8
	javaMinTreeifyCap    = 64
)

// javaHashTable reproduces the iteration order of a java.util.HashMap (or
// HashSet, which is a HashMap underneath) created with the default
// constructor. Only the key order is modelled; values live elsewhere.
//
// Java's order is: buckets by index, where the index of a key is
// (h ^ (h >>> 16)) & (capacity-1) for its hashCode h, and within a bucket the
// order in which the keys were inserted. The table starts at 16 buckets and
// doubles when the size exceeds 0.75 × capacity; a doubling splits each
// bucket in two while keeping the relative order, so "insertion order within
// a bucket" survives any number of resizes. A bucket that grows past 8 keys
// also forces a doubling while the table has fewer than 64 buckets.
//
// Not modelled: once the table has 64 or more buckets, such a crowded bucket
// becomes a red-black tree whose iteration order differs. That needs nine
// keys with the same bucket index in a table of 64+ buckets (49 or more
// members whose ids collide), which a teaching scenario does not reach.
type javaHashTable[K comparable] struct {
	hash    func(K) int32
	buckets [][]javaEntry[K]
	size    int
}

type javaEntry[K comparable] struct {
	key    K
	spread uint32
}

func newJavaHashTable[K comparable](hash func(K) int32) *javaHashTable[K] {
	return &javaHashTable[K]{hash: hash}
}

func javaSpread(h int32) uint32 {
	u := uint32(h)
	return u ^ (u >> 16)
}

// add inserts k and reports whether it was absent (HashSet.add).
func (t *javaHashTable[K]) add(k K) bool {
	if t.buckets == nil {
		t.buckets = make([][]javaEntry[K], javaInitialCapacity)
	}
	s := javaSpread(t.hash(k))
	idx := s & uint32(len(t.buckets)-1)
	chain := t.buckets[idx]
	for _, e := range chain {
		if e.key == k {
			return false
		}
	}
	t.buckets[idx] = append(chain, javaEntry[K]{k, s})
	// HashMap.putVal calls treeifyBin after appending to a chain that
	// already held TREEIFY_THRESHOLD nodes; below 64 buckets treeifyBin
	// resizes instead.
	if len(chain) >= javaTreeifyThreshold && len(t.buckets) < javaMinTreeifyCap {
		t.resize()
	}
	t.size++
	if t.size > len(t.buckets)*3/4 {
		t.resize()
	}
	return true
}

// remove deletes k, keeping the order of the other keys (HashMap.remove).
func (t *javaHashTable[K]) remove(k K) bool {
	if t.buckets == nil {
		return false
	}
	idx := javaSpread(t.hash(k)) & uint32(len(t.buckets)-1)
	chain := t.buckets[idx]
	for i, e := range chain {
		if e.key == k {
			t.buckets[idx] = append(chain[:i:i], chain[i+1:]...)
			t.size--
			return true
		}
	}
	return false
}

// resize doubles the table. Keys whose spread hash has the old-capacity bit
// clear stay at index j, the others move to j+oldCap, in their old order.
func (t *javaHashTable[K]) resize() {
	oldCap := len(t.buckets)
	next := make([][]javaEntry[K], 2*oldCap)
	for j, chain := range t.buckets {
		for _, e := range chain {
			if e.spread&uint32(oldCap) == 0 {
				next[j] = append(next[j], e)
			} else {
				next[j+oldCap] = append(next[j+oldCap], e)
			}
		}
	}
	t.buckets = next
}

// keys returns the keys in Java iteration order.
func (t *javaHashTable[K]) keys() []K {
	out := make([]K, 0, t.size)
	for _, chain := range t.buckets {
		for _, e := range chain {
			out = append(out, e.key)
		}
	}
	return out
}

// first returns the key Java's iterator().next() would return.
func (t *javaHashTable[K]) first() (K, bool) {
	for _, chain := range t.buckets {
		if len(chain) > 0 {
			return chain[0].key, true
		}
	}
	var zero K
	return zero, false
}

// javaHashMapOrder returns member ids in the order a default java.util.HashMap
// iterates them after they were put in the given order.
func javaHashMapOrder(ids []string) []string {
	t := newJavaHashTable(javaStringHash)
	for _, id := range ids {
		t.add(id)
	}
	return t.keys()
}
