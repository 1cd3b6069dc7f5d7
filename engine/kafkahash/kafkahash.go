// Package kafkahash reproduces, bit for bit, the two hash-based mappings a
// Kafka client or broker uses to pick a partition:
//
//   - the producer's key → partition mapping (murmur2 over the serialized key
//     bytes, then toPositive, then modulo the partition count), and
//   - the group coordinator lookup (Java String.hashCode of the group id, then
//     Kafka's Utils.abs, then modulo the __consumer_offsets partition count).
//
// The simulator has to agree with real Kafka here, because learners compare
// "which partition did my key land on" with what a real cluster prints. Every
// function therefore emulates Java int arithmetic exactly: 32-bit two's
// complement wrap-around on multiplication and addition, and unsigned (>>>)
// right shifts. In Go that is done by computing in uint32 and converting to
// int32 only at the end.
//
// The package is pure and stdlib-only; nothing in it depends on time,
// randomness or global state.
package kafkahash

import (
	"fmt"
	"math"
	"unicode/utf16"
)

// MurmurHash2 constants as fixed by Kafka's Utils.murmur2. The seed is part of
// the wire contract: a different seed would send every key elsewhere.
const (
	murmurSeed uint32 = 0x9747b28c
	murmurM    uint32 = 0x5bd1e995
	murmurR           = 24
)

// Murmur2 returns Kafka's Utils.murmur2 of data as a signed Java int.
//
// It is 32-bit MurmurHash2 with seed 0x9747b28c: the input is consumed in
// little-endian 4-byte blocks, the 1–3 trailing bytes are mixed in by a switch
// that falls through from the highest tail byte down, and a final avalanche
// (h ^= h>>>13; h *= m; h ^= h>>>15) finishes it. The result is returned as
// int32 rather than uint32 because Kafka's tests, and every other client that
// claims compatibility, quote the signed Java value.
//
// The Java code mixes in the length as a Java int; in Go a slice longer than
// 2^32-1 bytes would have its length truncated to 32 bits, which no Kafka
// record can reach (records are far smaller than 2 GiB).
//
// Worked example (Kafka's own UtilsTest vector): Murmur2([]byte("21")) is
// -973932308, which is 0xc5f2f8ec as an unsigned 32-bit value.
func Murmur2(data []byte) int32 {
	length := len(data)
	h := murmurSeed ^ uint32(length)

	blocks := length / 4
	for i := 0; i < blocks; i++ {
		b := data[i*4 : i*4+4 : i*4+4]
		k := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		k *= murmurM
		k ^= k >> murmurR
		k *= murmurM
		h *= murmurM
		h ^= k
	}

	tail := data[blocks*4:]
	switch len(tail) {
	case 3:
		h ^= uint32(tail[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(tail[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(tail[0])
		h *= murmurM
	}

	h ^= h >> 13
	h *= murmurM
	h ^= h >> 15
	return int32(h)
}

// ToPositive clears the sign bit of x: x & 0x7fffffff. It is Kafka's
// Utils.toPositive and is what the producer applies to the murmur2 hash.
//
// Why not the absolute value: for a negative x, x & 0x7fffffff equals
// x + 2^31, not -x, so the two give different partitions. The 0.8.2 Java
// producer used Utils.abs, which at that time was itself implemented as
// "& 0x7fffffff". In 0.9.0 Utils.abs was changed to Math.abs semantics, and
// toPositive was introduced with the old bit-mask behaviour precisely so that
// keys kept mapping to the same partitions across the upgrade. Using a real
// abs here would silently disagree with Kafka for about half of all keys.
//
// Worked example: murmur2("21") = -973932308, and
// ToPositive(-973932308) = 1173551340 (= -973932308 + 2^31), whereas the
// absolute value would be 973932308.
func ToPositive(x int32) int32 {
	return x & 0x7fffffff
}

// PartitionForKey returns the partition Kafka's producer picks for a record
// with the given non-null key:
//
//	toPositive(murmur2(key)) % numPartitions
//
// key must be the serialized key bytes (for the console producer, the UTF-8
// bytes of the text before key.separator). An empty key is not a null key: it
// hashes like any other byte string. numPartitions must count all partitions
// of the topic, including those that currently have no leader, because Kafka
// never re-routes a keyed record to an "available" partition.
//
// Because of the modulo, adding partitions to a topic changes where existing
// keys go; Kafka does not move data that is already written.
//
// PartitionForKey panics if numPartitions <= 0, mirroring the Java division
// by zero; a topic always has at least one partition.
//
// Worked example: "kafka" hashes to -798503068, toPositive gives 1348980580,
// so with 3 partitions it goes to partition 1 (1348980580 % 3 = 1) and with
// 50 partitions to partition 30.
func PartitionForKey(key []byte, numPartitions int) int {
	if numPartitions <= 0 {
		panic(fmt.Sprintf("kafkahash: PartitionForKey with numPartitions=%d, want > 0", numPartitions))
	}
	return int(ToPositive(Murmur2(key))) % numPartitions
}

// JavaStringHashCode returns Java's String.hashCode of s:
//
//	s[0]*31^(n-1) + s[1]*31^(n-2) + ... + s[n-1]
//
// computed with int wrap-around over the string's UTF-16 code units, which is
// how Java stores strings. Go strings are UTF-8, so each rune is converted
// back to UTF-16 first: runes outside the Basic Multilingual Plane (for
// example emoji) contribute two code units, a high and a low surrogate,
// exactly as they would in Java. Invalid UTF-8 bytes decode to U+FFFD, which
// is also what Java substitutes when it decodes malformed UTF-8 (although the
// number of replacement characters per malformed sequence can differ).
//
// The broker uses this, not murmur2, to pick a group's coordinator. The old
// Scala producer also used it for keys, which is why hashCode shows up in
// Kafka's history at all.
//
// Worked example: JavaStringHashCode("foo") = 101574
// ('f'=102, 'o'=111: 102*31*31 + 111*31 + 111).
func JavaStringHashCode(s string) int32 {
	var h uint32
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h = 31*h + uint32(hi)
			h = 31*h + uint32(lo)
			continue
		}
		h = 31*h + uint32(r)
	}
	return int32(h)
}

// JavaAbs is Kafka's Utils.abs (0.9.0 and later): the absolute value of x,
// except that math.MinInt32, whose absolute value does not fit in an int32,
// maps to 0. (Java's Math.abs would return MinInt32 itself, a negative
// number, and "% n" of that would be a negative partition.)
//
// Do not confuse it with ToPositive: JavaAbs(-5) is 5, ToPositive(-5) is
// 2147483643. Kafka uses JavaAbs for the coordinator lookup and ToPositive
// for the producer's key hash, and the simulator must do the same.
//
// Worked example: JavaAbs(-1906497762) = 1906497762, and
// JavaAbs(math.MinInt32) = 0.
func JavaAbs(x int32) int32 {
	if x == math.MinInt32 {
		return 0
	}
	if x < 0 {
		return -x
	}
	return x
}

// CoordinatorPartition returns the __consumer_offsets partition whose leader
// is the group coordinator for groupID:
//
//	Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions
//
// numPartitions is offsets.topic.num.partitions (50 by default). The broker
// that leads the returned partition coordinates the group and stores its
// committed offsets.
//
// CoordinatorPartition panics if numPartitions <= 0, as the Java division by
// zero would throw.
//
// Worked example: "foo".hashCode() = 101574, so with the default 50
// partitions the coordinator partition is 24, and with 10 it is 4 (the
// latter is asserted in Kafka's GroupCoordinatorServiceTest).
func CoordinatorPartition(groupID string, numPartitions int) int {
	if numPartitions <= 0 {
		panic(fmt.Sprintf("kafkahash: CoordinatorPartition with numPartitions=%d, want > 0", numPartitions))
	}
	return int(JavaAbs(JavaStringHashCode(groupID))) % numPartitions
}
