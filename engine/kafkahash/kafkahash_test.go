package kafkahash

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// Vectors transcribed from /work/shared/reference/kafka-semantics.md. Section
// numbers refer to that document.

// §1.2: Kafka's UtilsTest.testMurmur2 (signed Java int).
var kafkaUtilsTestVectors = []struct {
	key  []byte
	want int32
}{
	{[]byte("21"), -973932308},
	{[]byte("foobar"), -790332482},
	{[]byte("a-little-bit-long-string"), -985981536},
	{[]byte("a-little-bit-longer-string"), -1486304829},
	{[]byte("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971},
	{[]byte{'a', 'b', 'c'}, 479470107},
}

func TestMurmur2KafkaUtilsTest(t *testing.T) {
	for _, tc := range kafkaUtilsTestVectors {
		t.Run(string(tc.key), func(t *testing.T) {
			require.Equal(t, tc.want, Murmur2(tc.key))
		})
	}
}

// §1.2: librdkafka src/rdmurmur2.c unittest; these are toPositive(murmur2).
func TestMurmur2LibrdkafkaUnittest(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want int32
	}{
		{"kafka", 1348980580},
		{"amqp", 767747138},
		{"giberish123456789", 257239820},
	} {
		t.Run(tc.key, func(t *testing.T) {
			require.Equal(t, tc.want, ToPositive(Murmur2([]byte(tc.key))))
		})
	}
}

// §1.2: librdkafka tests/0048-partitioner.c; toPositive values from
// tests/java/Murmur2Cli.
func TestMurmur2LibrdkafkaPartitionerTest(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want int32
	}{
		{"", 0x106e08d9},
		{"23456", 0x058d780f},
		{"this is another string with more length to it perhaps", 0x4f7703da},
		{"hejsan", 0x5ec19395},
	} {
		t.Run(tc.key, func(t *testing.T) {
			require.Equal(t, tc.want, ToPositive(Murmur2([]byte(tc.key))))
		})
	}
}

// §1.2: the Dart client's collected Kafka/librdkafka/KafkaJS vectors (signed).
func TestMurmur2DartVectors(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want int32
	}{
		{"kafka", -798503068},
		{"1234", -1614185708},
		{"234", -406844982},
		{"34", -2026295078},
		{"4", 1514888353},
		{"", 275646681},
		{"0", 971027396},
		{"1", -1993445489},
		{"128", -326012175},
		{"100:48069", 1009543857},
		{"string-f-24-chars-length", 124730809},
	} {
		t.Run(tc.key, func(t *testing.T) {
			require.Equal(t, tc.want, Murmur2([]byte(tc.key)))
		})
	}
}

// §1.2 caution: KafkaJS's legacy partitioner is NOT Java-compatible. Make sure
// we do not accidentally agree with its value for "0".
func TestMurmur2NotKafkaJSLegacy(t *testing.T) {
	require.NotEqual(t, int32(272173970), Murmur2([]byte("0")))
	require.NotEqual(t, int32(272173970), ToPositive(Murmur2([]byte("0"))))
}

// §1.3 main table: partition counts for the partitions column of
// partitionTable, in order.
var partitionTableCounts = [13]int{1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 50, 100}

var partitionTable = []struct {
	key        string
	length     int
	murmur2    int32
	hexU32     uint32
	toPositive int32
	partitions [13]int
}{
	{"", 0, 275646681, 0x106e08d9, 275646681, [13]int{0, 1, 0, 1, 1, 3, 1, 1, 9, 9, 25, 31, 81}},
	{"a", 1, -1563381124, 0xa2d0b27c, 584102524, [13]int{0, 0, 1, 0, 4, 4, 4, 4, 4, 12, 28, 24, 24}},
	{"abc", 3, 479470107, 0x1c94221b, 479470107, [13]int{0, 1, 0, 3, 2, 3, 3, 7, 3, 11, 27, 7, 7}},
	{"21", 2, -973932308, 0xc5f2f8ec, 1173551340, [13]int{0, 0, 0, 0, 0, 0, 4, 0, 0, 12, 12, 40, 40}},
	{"foobar", 6, -790332482, 0xd0e47bbe, 1357151166, [13]int{0, 0, 0, 2, 1, 0, 6, 6, 6, 14, 30, 16, 66}},
	{"key", 3, -1079937367, 0xbfa176a9, 1067546281, [13]int{0, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 31, 81}},
	{"test", 4, 716234879, 0x2ab0e07f, 716234879, [13]int{0, 1, 2, 3, 4, 5, 7, 9, 11, 15, 31, 29, 79}},
	{"hello", 5, 2132663229, 0x7f1ddbbd, 2132663229, [13]int{0, 1, 0, 1, 4, 3, 5, 9, 9, 13, 29, 29, 29}},
	{"kafka", 5, -798503068, 0xd067cf64, 1348980580, [13]int{0, 0, 1, 0, 0, 4, 4, 0, 4, 4, 4, 30, 80}},
	{"amqp", 4, 767747138, 0x2dc2e442, 767747138, [13]int{0, 0, 2, 2, 3, 2, 2, 8, 2, 2, 2, 38, 38}},
	{"0", 1, 971027396, 0x39e0b3c4, 971027396, [13]int{0, 0, 2, 0, 1, 2, 4, 6, 8, 4, 4, 46, 96}},
	{"1", 1, -1993445489, 0x892e6f8f, 154038159, [13]int{0, 1, 0, 3, 4, 3, 7, 9, 3, 15, 15, 9, 59}},
	{"2", 1, 648968168, 0x26ae77e8, 648968168, [13]int{0, 0, 2, 0, 3, 2, 0, 8, 8, 8, 8, 18, 68}},
	{"3", 1, -1148165505, 0xbb90627f, 999318143, [13]int{0, 1, 2, 3, 3, 5, 7, 3, 11, 15, 31, 43, 43}},
	{"4", 1, 1514888353, 0x5a4b5ca1, 1514888353, [13]int{0, 1, 1, 1, 3, 1, 1, 3, 1, 1, 1, 3, 53}},
	{"5", 1, 55100550, 0x0348c486, 55100550, [13]int{0, 0, 0, 2, 0, 0, 6, 0, 6, 6, 6, 0, 50}},
	{"6", 1, 1157411398, 0x44fcb246, 1157411398, [13]int{0, 0, 1, 2, 3, 4, 6, 8, 10, 6, 6, 48, 98}},
	{"7", 1, -1961297549, 0x8b18f973, 186186099, [13]int{0, 1, 0, 3, 4, 3, 3, 9, 3, 3, 19, 49, 99}},
	{"8", 1, 828913227, 0x3168364b, 828913227, [13]int{0, 1, 0, 3, 2, 3, 3, 7, 3, 11, 11, 27, 27}},
	{"9", 1, 415544963, 0x18c4b683, 415544963, [13]int{0, 1, 2, 3, 3, 5, 3, 3, 11, 3, 3, 13, 63}},
	{"10", 2, 1164287326, 0x45659d5e, 1164287326, [13]int{0, 0, 1, 2, 1, 4, 6, 6, 10, 14, 30, 26, 26}},
	{"user-1", 6, 1404122828, 0x53b136cc, 1404122828, [13]int{0, 0, 2, 0, 3, 2, 4, 8, 8, 12, 12, 28, 28}},
	{"user-2", 6, -324981792, 0xeca12be0, 1822501856, [13]int{0, 0, 2, 0, 1, 2, 0, 6, 8, 0, 0, 6, 56}},
	{"user-3", 6, 1141442267, 0x440906db, 1141442267, [13]int{0, 1, 2, 3, 2, 5, 3, 7, 11, 11, 27, 17, 67}},
	{"alice", 5, 1951417749, 0x74504595, 1951417749, [13]int{0, 1, 0, 1, 4, 3, 5, 9, 9, 5, 21, 49, 49}},
	{"bob", 3, -2048144690, 0x85ebcace, 99338958, [13]int{0, 0, 0, 2, 3, 0, 6, 8, 6, 14, 14, 8, 58}},
	{"carol", 5, 271431602, 0x102db7b2, 271431602, [13]int{0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 18, 2, 2}},
	{"dave", 4, 1727131798, 0x66f1f096, 1727131798, [13]int{0, 0, 1, 2, 3, 4, 6, 8, 10, 6, 22, 48, 98}},
	{"order-42", 8, 501153024, 0x1ddefd00, 501153024, [13]int{0, 0, 0, 0, 4, 0, 0, 4, 0, 0, 0, 24, 24}},
	{"giberish123456789", 17, -1890243828, 0x8f552b0c, 257239820, [13]int{0, 0, 2, 0, 0, 2, 4, 0, 8, 12, 12, 20, 20}},
	{"a-little-bit-long-string", 24, -985981536, 0xc53b1da0, 1161502112, [13]int{0, 0, 2, 0, 2, 2, 0, 2, 8, 0, 0, 12, 12}},
}

func TestPartitionTable(t *testing.T) {
	require.Len(t, partitionTable, 31, "§1.3 lists 31 keys")
	for _, tc := range partitionTable {
		t.Run(fmt.Sprintf("%q", tc.key), func(t *testing.T) {
			key := []byte(tc.key)
			require.Len(t, key, tc.length)
			h := Murmur2(key)
			require.Equal(t, tc.murmur2, h)
			require.Equal(t, tc.hexU32, uint32(h))
			require.Equal(t, tc.toPositive, ToPositive(h))
			for i, n := range partitionTableCounts {
				require.Equal(t, tc.partitions[i], PartitionForKey(key, n), "n=%d", n)
			}
		})
	}
}

// §1.3 "More keys" table.
var morePartitionCounts = [8]int{2, 3, 4, 5, 6, 8, 10, 12}

var morePartitionTable = []struct {
	key        string
	murmur2    int32
	toPositive int32
	partitions [8]int
}{
	{"key0", 452605474, 452605474, [8]int{0, 1, 2, 4, 4, 2, 4, 10}},
	{"key1", 28543940, 28543940, [8]int{0, 2, 0, 0, 2, 4, 0, 8}},
	{"key2", 1674751211, 1674751211, [8]int{1, 2, 3, 1, 5, 3, 1, 11}},
	{"key3", -1745673403, 401810245, [8]int{1, 1, 1, 0, 1, 5, 5, 1}},
	{"key4", -1069414199, 1078069449, [8]int{1, 0, 1, 4, 3, 1, 9, 9}},
	{"key5", 20834383, 20834383, [8]int{1, 1, 3, 3, 1, 7, 3, 7}},
	{"k1", 1684045097, 1684045097, [8]int{1, 2, 1, 2, 5, 1, 7, 5}},
	{"k2", 380483553, 380483553, [8]int{1, 0, 1, 3, 3, 1, 3, 9}},
	{"k3", 1676809936, 1676809936, [8]int{0, 1, 0, 1, 4, 0, 6, 4}},
	{"user1", 1619149554, 1619149554, [8]int{0, 0, 2, 4, 0, 2, 4, 6}},
	{"user2", -681250719, 1466232929, [8]int{1, 2, 1, 4, 5, 1, 9, 5}},
	{"user3", -850927293, 1296556355, [8]int{1, 2, 3, 0, 5, 3, 5, 11}},
	{"order-1", 1221710326, 1221710326, [8]int{0, 1, 2, 1, 4, 6, 6, 10}},
	{"order-2", -1055499005, 1091984643, [8]int{1, 0, 3, 3, 3, 3, 3, 3}},
	{"order-3", -849583649, 1297899999, [8]int{1, 0, 3, 4, 3, 7, 9, 3}},
	{"A", 1592744578, 1592744578, [8]int{0, 1, 2, 3, 4, 2, 8, 10}},
	{"B", 1411423576, 1411423576, [8]int{0, 1, 0, 1, 4, 0, 6, 4}},
	{"C", 318708676, 318708676, [8]int{0, 1, 0, 1, 4, 4, 6, 4}},
}

func TestMorePartitionTable(t *testing.T) {
	require.Len(t, morePartitionTable, 18, "§1.3 'More keys' lists 18 keys")
	for _, tc := range morePartitionTable {
		t.Run(fmt.Sprintf("%q", tc.key), func(t *testing.T) {
			key := []byte(tc.key)
			h := Murmur2(key)
			require.Equal(t, tc.murmur2, h)
			require.Equal(t, tc.toPositive, ToPositive(h))
			for i, n := range morePartitionCounts {
				require.Equal(t, tc.partitions[i], PartitionForKey(key, n), "n=%d", n)
			}
		})
	}
}

// Every tail length (0..3 trailing bytes) and a multi-block input must go
// through the same path as the table vectors; this pins the fall-through by
// checking that a nil slice and an empty slice agree and that bytes >= 0x80
// are treated as unsigned (Java masks with & 0xff).
func TestMurmur2EdgeInputs(t *testing.T) {
	require.Equal(t, Murmur2(nil), Murmur2([]byte{}))
	require.Equal(t, int32(275646681), Murmur2(nil))

	// Murmur2 must not look past the slice length (cap beyond len is ignored).
	buf := []byte("kafka-and-more")
	require.Equal(t, int32(-798503068), Murmur2(buf[:5]))

	// High bytes: every tail length with a byte >= 0x80 must give a
	// non-negative partition and be deterministic.
	for l := 0; l <= 9; l++ {
		b := make([]byte, l)
		for i := range b {
			b[i] = 0xff - byte(i)
		}
		p := PartitionForKey(b, 7)
		require.GreaterOrEqual(t, p, 0)
		require.Less(t, p, 7)
		require.Equal(t, Murmur2(b), Murmur2(append([]byte(nil), b...)))
	}
}

func TestToPositive(t *testing.T) {
	for _, tc := range []struct{ in, want int32 }{
		{0, 0},
		{1, 1},
		{-1, math.MaxInt32},
		{math.MaxInt32, math.MaxInt32},
		{math.MinInt32, 0},
		{-5, 2147483643},
		{-973932308, 1173551340},
	} {
		require.Equal(t, tc.want, ToPositive(tc.in), "ToPositive(%d)", tc.in)
	}
}

func TestJavaAbs(t *testing.T) {
	for _, tc := range []struct{ in, want int32 }{
		{0, 0},
		{1, 1},
		{-1, 1},
		{-5, 5},
		{math.MaxInt32, math.MaxInt32},
		{-math.MaxInt32, math.MaxInt32},
		{math.MinInt32, 0},
		{-1906497762, 1906497762},
	} {
		require.Equal(t, tc.want, JavaAbs(tc.in), "JavaAbs(%d)", tc.in)
	}
}

// §2.5 group coordinator table: String.hashCode and the partition with 50
// (the default offsets.topic.num.partitions) and 10 partitions.
var coordinatorTable = []struct {
	groupID  string
	hashCode int32
	p50, p10 int
}{
	{"foo", 101574, 24, 4},
	{"my-group", -1906497762, 12, 2},
	{"test-consumer-group", -1793216381, 31, 1},
	{"group", 98629247, 47, 7},
	{"group1", -1237460590, 40, 0},
	{"my-app", -1061206400, 0, 0},
	{"test", 3556498, 48, 8},
}

func TestCoordinatorTable(t *testing.T) {
	for _, tc := range coordinatorTable {
		t.Run(tc.groupID, func(t *testing.T) {
			require.Equal(t, tc.hashCode, JavaStringHashCode(tc.groupID))
			require.Equal(t, tc.p50, CoordinatorPartition(tc.groupID, 50))
			require.Equal(t, tc.p10, CoordinatorPartition(tc.groupID, 10))
		})
	}
}

// Extra String.hashCode vectors, each checked against a real JVM
// (java.lang.String.hashCode) when this file was written.
func TestJavaStringHashCode(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int32
	}{
		{"", 0},
		{"a", 97},
		// The classic collision: "Aa" and "BB" hash alike.
		{"Aa", 2112},
		{"BB", 2112},
		// Latin-1 and CJK runes are single UTF-16 code units.
		{"café", 3045921},
		{"日本", 835047},
		// U+1F600 is outside the BMP: Java sees the surrogate pair
		// 0xD83D 0xDE00, so the hash is 0xD83D*31 + 0xDE00.
		{"😀", 1772899},
		{"grp-😀-x", -2126143882},
		// Invalid UTF-8 decodes to U+FFFD.
		{"\xff", 65533},
		{"\uFFFD", 65533},
	} {
		t.Run(tc.s, func(t *testing.T) {
			require.Equal(t, tc.want, JavaStringHashCode(tc.s))
		})
	}
}

// "polygenelubricants".hashCode() is exactly Integer.MIN_VALUE, the one input
// where Kafka's Utils.abs and Math.abs differ. Kafka maps it to partition 0.
func TestCoordinatorPartitionMinValue(t *testing.T) {
	require.Equal(t, int32(math.MinInt32), JavaStringHashCode("polygenelubricants"))
	require.Equal(t, int32(0), JavaAbs(JavaStringHashCode("polygenelubricants")))
	require.Equal(t, 0, CoordinatorPartition("polygenelubricants", 50))
	require.Equal(t, 0, CoordinatorPartition("polygenelubricants", 7))
}

func TestPanicsOnNonPositivePartitionCount(t *testing.T) {
	for _, n := range []int{0, -1} {
		require.Panics(t, func() { PartitionForKey([]byte("k"), n) })
		require.Panics(t, func() { CoordinatorPartition("g", n) })
	}
}

// The worked examples in the doc comments of kafkahash.go, one assertion per
// example, so the documentation cannot drift from the code.
func TestDocCommentExamples(t *testing.T) {
	// Murmur2
	require.Equal(t, int32(-973932308), Murmur2([]byte("21")))
	require.Equal(t, uint32(0xc5f2f8ec), uint32(Murmur2([]byte("21"))))
	// ToPositive
	require.Equal(t, int32(1173551340), ToPositive(-973932308))
	require.Equal(t, int64(-973932308)+(1<<31), int64(ToPositive(-973932308)))
	// PartitionForKey
	require.Equal(t, int32(-798503068), Murmur2([]byte("kafka")))
	require.Equal(t, int32(1348980580), ToPositive(Murmur2([]byte("kafka"))))
	require.Equal(t, 1, PartitionForKey([]byte("kafka"), 3))
	require.Equal(t, 30, PartitionForKey([]byte("kafka"), 50))
	// JavaStringHashCode
	require.Equal(t, int32(101574), JavaStringHashCode("foo"))
	require.Equal(t, int32(102*31*31+111*31+111), JavaStringHashCode("foo"))
	// JavaAbs
	require.Equal(t, int32(1906497762), JavaAbs(-1906497762))
	require.Equal(t, int32(0), JavaAbs(math.MinInt32))
	// JavaAbs vs ToPositive
	require.Equal(t, int32(5), JavaAbs(-5))
	require.Equal(t, int32(2147483643), ToPositive(-5))
	// CoordinatorPartition
	require.Equal(t, 24, CoordinatorPartition("foo", 50))
	require.Equal(t, 4, CoordinatorPartition("foo", 10))
}

func FuzzMurmur2(f *testing.F) {
	for _, tc := range kafkaUtilsTestVectors {
		f.Add(tc.key, 50)
	}
	f.Add([]byte(""), 1)
	f.Add([]byte("kafka"), 3)
	f.Add([]byte{0xff, 0xfe, 0xfd}, 7)
	f.Add([]byte("polygenelubricants"), -12)
	f.Add([]byte("x"), math.MinInt)

	f.Fuzz(func(t *testing.T, key []byte, n int) {
		// Map any fuzzed int to a valid partition count in [1, 100000].
		numPartitions := int(uint(n)%100000) + 1

		h := Murmur2(key)
		require.Equal(t, h, Murmur2(append([]byte(nil), key...)), "deterministic")
		require.GreaterOrEqual(t, ToPositive(h), int32(0))

		p := PartitionForKey(key, numPartitions)
		require.GreaterOrEqual(t, p, 0)
		require.Less(t, p, numPartitions)
		require.Equal(t, int(ToPositive(h))%numPartitions, p)

		c := CoordinatorPartition(string(key), numPartitions)
		require.GreaterOrEqual(t, c, 0)
		require.Less(t, c, numPartitions)
	})
}

func BenchmarkMurmur2(b *testing.B) {
	for _, size := range []int{8, 64, 1024} {
		key := make([]byte, size)
		for i := range key {
			key[i] = byte(i*31 + 7)
		}
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				Murmur2(key)
			}
		})
	}
}
