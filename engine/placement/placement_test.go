package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// §3.8 of the reference: AdminRackAwareTest.testReplicaAssignment.
var adminRackAwareVector = [][]int32{
	{0, 1, 2}, // p0
	{1, 2, 3}, // p1
	{2, 3, 4}, // p2
	{3, 4, 0}, // p3
	{4, 0, 1}, // p4
	{0, 2, 3}, // p5
	{1, 3, 4}, // p6
	{2, 4, 0}, // p7
	{3, 0, 1}, // p8
	{4, 1, 2}, // p9
}

func TestAdminRackAwareVector(t *testing.T) {
	got, err := AssignReplicas([]int32{0, 1, 2, 3, 4}, 10, 3, 0, 0, 0)
	require.NoError(t, err)
	require.Equal(t, adminRackAwareVector, got)
}

// The same layout with broker ids 1..5: positions are the same, ids shift by one.
func TestAdminRackAwareVectorIDsFromOne(t *testing.T) {
	want := make([][]int32, len(adminRackAwareVector))
	for p, replicas := range adminRackAwareVector {
		for _, b := range replicas {
			want[p] = append(want[p], b+1)
		}
	}
	require.Equal(t, []int32{1, 2, 3}, want[0])
	require.Equal(t, []int32{5, 2, 3}, want[9])

	got, err := AssignReplicas([]int32{1, 2, 3, 4, 5}, 10, 3, 0, 0, 0)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// The caller's order (for example map iteration order) must not matter, and
// the caller's slice must not be reordered.
func TestUnsortedBrokerInput(t *testing.T) {
	in := []int32{3, 0, 4, 2, 1}
	got, err := AssignReplicas(in, 10, 3, 0, 0, 0)
	require.NoError(t, err)
	require.Equal(t, adminRackAwareVector, got)
	require.Equal(t, []int32{3, 0, 4, 2, 1}, in, "input must not be mutated")

	// Sparse, unsorted ids: positions refer to the sorted order 7 < 20 < 100.
	got, err = AssignReplicas([]int32{100, 7, 20}, 4, 2, 0, 0, 0)
	require.NoError(t, err)
	require.Equal(t, [][]int32{{7, 20}, {20, 100}, {100, 7}, {7, 100}}, got)
}

// The worked example in AssignReplicas's doc comment.
func TestDocCommentExample(t *testing.T) {
	got, err := AssignReplicas([]int32{0, 1, 2, 3, 4}, 10, 3, 0, 0, 0)
	require.NoError(t, err)
	var lines []string
	for p, r := range got {
		lines = append(lines, fmt.Sprintf("p%d:%v", p, r))
	}
	require.Equal(t, []string{
		"p0:[0 1 2]", "p1:[1 2 3]", "p2:[2 3 4]", "p3:[3 4 0]", "p4:[4 0 1]",
		"p5:[0 2 3]", "p6:[1 3 4]", "p7:[2 4 0]", "p8:[3 0 1]", "p9:[4 1 2]",
	}, lines)
	// p5: shift has become 1, so the followers are 0+1+(1+0)%4 and 0+1+(1+1)%4.
	require.Equal(t, []int32{0, 0 + 1 + (1+0)%4, 0 + 1 + (1+1)%4}, got[5])
}

func TestErrors(t *testing.T) {
	five := []int32{0, 1, 2, 3, 4}
	for _, tc := range []struct {
		name                     string
		brokers                  []int32
		partitions, rf, startPID int
		want                     string
	}{
		{"zero rf", five, 3, 0, 0, "Replication factor must be larger than 0."},
		{"negative rf", five, 3, -1, 0, "Replication factor must be larger than 0."},
		{"zero partitions", five, 0, 3, 0, "Number of partitions must be larger than 0."},
		{"negative partitions", five, -2, 3, 0, "Number of partitions must be larger than 0."},
		// Kafka checks the partition count first.
		{"both invalid", five, 0, 0, 0, "Number of partitions must be larger than 0."},
		{"rf above brokers", five, 3, 6, 0,
			"Unable to replicate the partition 6 time(s): The target replication factor of 6 cannot be reached because only 5 broker(s) are registered."},
		{"rf above brokers, adding partitions", []int32{1}, 1, 2, 4,
			"Unable to replicate the partition 2 time(s): The target replication factor of 2 cannot be reached because only 1 broker(s) are registered."},
		{"no brokers", nil, 1, 1, 0,
			"Unable to replicate the partition 1 time(s): The target replication factor of 1 cannot be reached because only 0 broker(s) are registered."},
		{"duplicate broker", []int32{1, 2, 1}, 1, 1, 0, "placement: broker id 1 is listed more than once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AssignReplicas(tc.brokers, tc.partitions, tc.rf, 0, 0, tc.startPID)
			require.EqualError(t, err, tc.want)
			require.Nil(t, got)
		})
	}
}

// One broker, replication factor 1: no followers, and n-1 = 0 must never be
// used as a divisor, whatever the start index, shift and partition ids.
func TestSingleBroker(t *testing.T) {
	for _, start := range []int{-3, 0, 1, 7} {
		for _, shift := range []int{-3, 0, 1, 7} {
			for _, pid := range []int{0, 1, 5} {
				got, err := AssignReplicas([]int32{42}, 4, 1, start, shift, pid)
				require.NoError(t, err)
				require.Equal(t, [][]int32{{42}, {42}, {42}, {42}}, got)
			}
		}
	}
}

func TestNegativeStartPartitionIDIsZero(t *testing.T) {
	brokers := []int32{0, 1, 2, 3}
	want, err := AssignReplicas(brokers, 9, 3, 2, 1, 0)
	require.NoError(t, err)
	got, err := AssignReplicas(brokers, 9, 3, 2, 1, -1)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// naive follows the documented formula literally, with an unbounded shift
// and no modular reduction of startIndex or shift (so it needs them >= 0).
// It exists to check the reductions done by AssignReplicas.
func naive(sorted []int32, numPartitions, rf, startIndex, shift, startPID int) [][]int32 {
	n := len(sorted)
	var out [][]int32
	for p := startPID; p < startPID+numPartitions; p++ {
		if p > 0 && p%n == 0 {
			shift++
		}
		first := (p + startIndex) % n
		r := []int32{sorted[first]}
		for j := 0; j < rf-1; j++ {
			r = append(r, sorted[(first+1+(shift+j)%(n-1))%n])
		}
		out = append(out, r)
	}
	return out
}

// brokerSet returns n distinct, sparse, unsorted broker ids and their sorted order.
func brokerSet(rng *rand.Rand, n int) (unsorted, sorted []int32) {
	seen := map[int32]bool{}
	for len(unsorted) < n {
		id := int32(rng.IntN(1000))
		if !seen[id] {
			seen[id] = true
			unsorted = append(unsorted, id)
		}
	}
	sorted = slices.Clone(unsorted)
	slices.Sort(sorted)
	return unsorted, sorted
}

// offGrid returns the start/shift values tried for n brokers: every value in
// [0, n) plus negative and too-large ones.
func offGrid(n int) []int {
	vals := []int{-n - 1, -1}
	for v := 0; v <= n; v++ {
		vals = append(vals, v)
	}
	return append(vals, 2*n+1)
}

// Property test over a grid of (n, rf, partitions, start, shift): every
// partition gets rf distinct registered brokers, leaders are round robin from
// startIndex and therefore balanced (counts differ by at most 1), and the
// result equals the literal formula, for any start/shift including values
// outside [0, n) and negative ones. Plain checks instead of require inside
// the loops keep this fast.
func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := 0
	for n := 1; n <= 9; n++ {
		unsorted, sorted := brokerSet(rng, n)
		for rf := 1; rf <= n; rf++ {
			for parts := 1; parts <= 3*n+2; parts++ {
				for _, start := range offGrid(n) {
					for _, shift := range offGrid(n) {
						cases++
						where := fmt.Sprintf("n=%d rf=%d parts=%d start=%d shift=%d", n, rf, parts, start, shift)
						got, err := AssignReplicas(unsorted, parts, rf, start, shift, 0)
						if err != nil || len(got) != parts {
							t.Fatalf("%s: got %v, %v", where, got, err)
						}

						leaders := map[int32]int{}
						for p, replicas := range got {
							if len(replicas) != rf {
								t.Fatalf("%s: p%d has %v, want %d replicas", where, p, replicas, rf)
							}
							seen := map[int32]bool{}
							for _, b := range replicas {
								if !slices.Contains(sorted, b) {
									t.Fatalf("%s: p%d has unknown broker %d", where, p, b)
								}
								if seen[b] {
									t.Fatalf("%s: p%d has broker %d twice: %v", where, p, b, replicas)
								}
								seen[b] = true
							}
							if want := sorted[mod(p+start, n)]; replicas[0] != want {
								t.Fatalf("%s: p%d leader %d, want %d (round robin)", where, p, replicas[0], want)
							}
							leaders[replicas[0]]++
						}
						lo, hi := parts, 0
						for _, b := range sorted {
							lo = min(lo, leaders[b])
							hi = max(hi, leaders[b])
						}
						if hi-lo > 1 {
							t.Fatalf("%s: leaders unbalanced: %v", where, leaders)
						}

						if n > 1 {
							// Compare with the literal formula using
							// equivalent non-negative start and shift.
							want := naive(sorted, parts, rf, mod(start, n), mod(shift, n-1)+(n-1)*3, 0)
							if !slices.EqualFunc(want, got, slices.Equal) {
								t.Fatalf("%s: got %v, literal formula gives %v", where, got, want)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("checked %d assignments", cases)
}

// Adding partitions (startPartitionID > 0) continues a topic consistently
// with a single fresh assignment made for the larger partition count.
func TestStartPartitionIDContinuesTopic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	must := func(got [][]int32, err error) [][]int32 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	same := func(a, b [][]int32) bool { return slices.EqualFunc(a, b, slices.Equal) }
	cases := 0
	for n := 1; n <= 7; n++ {
		unsorted, sorted := brokerSet(rng, n)
		for rf := 1; rf <= n; rf++ {
			for start := 0; start < n; start++ {
				for shift := 0; shift < n; shift++ {
					for existing := 1; existing <= 2*n+1; existing++ {
						for added := 1; added <= 2*n+1; added++ {
							cases++
							where := fmt.Sprintf("n=%d rf=%d start=%d shift=%d existing=%d added=%d", n, rf, start, shift, existing, added)
							fresh := must(AssignReplicas(unsorted, existing+added, rf, start, shift, 0))
							before := must(AssignReplicas(unsorted, existing, rf, start, shift, 0))
							if !same(fresh[:existing], before) {
								t.Fatalf("%s: a prefix depends on the total: %v vs %v", where, fresh[:existing], before)
							}

							// With the shift the original assignment had
							// reached, the continuation is exact.
							cont := must(AssignReplicas(unsorted, added, rf, start, shift+(existing-1)/n, existing))
							if !same(fresh[existing:], cont) {
								t.Fatalf("%s: continuation %v, fresh %v", where, cont, fresh[existing:])
							}

							// Kafka's add-partitions path: startIndex is the
							// position of partition 0's leader, and the shift
							// equals that start index. Leaders still continue
							// the round robin exactly.
							p0Leader := slices.Index(sorted, before[0][0])
							kafkaCont := must(AssignReplicas(unsorted, added, rf, p0Leader, p0Leader, existing))
							for i, replicas := range kafkaCont {
								if len(replicas) != rf || replicas[0] != fresh[existing+i][0] {
									t.Fatalf("%s: Kafka-style p%d = %v, fresh leader %d", where, existing+i, replicas, fresh[existing+i][0])
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("checked %d continuations", cases)
}

// A concrete add-partitions example: the 10-partition vector above grown to
// 13 partitions continues with p10:[0,3,4] p11:[1,4,0] p12:[2,0,1].
func TestAddPartitionsToVector(t *testing.T) {
	brokers := []int32{0, 1, 2, 3, 4}
	fresh, err := AssignReplicas(brokers, 13, 3, 0, 0, 0)
	require.NoError(t, err)
	require.Equal(t, adminRackAwareVector, fresh[:10])
	require.Equal(t, [][]int32{{0, 3, 4}, {1, 4, 0}, {2, 0, 1}}, fresh[10:])

	// Continuing from partition 10 with the reached shift (0 + (10-1)/5 = 1).
	cont, err := AssignReplicas(brokers, 3, 3, 0, 1, 10)
	require.NoError(t, err)
	require.Equal(t, fresh[10:], cont)
}

func TestResultSlicesAreIndependent(t *testing.T) {
	got, err := AssignReplicas([]int32{0, 1, 2}, 3, 2, 0, 0, 0)
	require.NoError(t, err)
	got[0] = append(got[0], 99)
	got[0][0] = 77
	require.Equal(t, []int32{1, 2}, got[1])
	require.Equal(t, []int32{2, 0}, got[2])
}
