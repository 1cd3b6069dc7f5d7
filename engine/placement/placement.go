// Package placement decides which brokers hold the replicas of each partition
// when a topic is created or grows, the way ZooKeeper-era Kafka did it
// (AdminUtils.assignReplicasToBrokers, rack-unaware case).
//
// KRaft clusters use a different, randomised and rack-striped placer
// (StripedReplicaPlacer), so the exact pattern here is the classic one that
// most Kafka tutorials and books show. The simulator uses it because it is
// easy to explain: leaders go round robin over the brokers, and followers
// are spread by a shift that changes every time the leaders wrap around, so
// that no two brokers end up following each other for every partition.
//
// The function is pure. Kafka picks the start index and shift at random; in
// the simulator the caller draws them from its seeded PRNG and passes them in,
// which keeps runs reproducible.
package placement

import (
	"errors"
	"fmt"
	"slices"
)

// AssignReplicas returns, for partition ids startPartitionID,
// startPartitionID+1, ..., startPartitionID+numPartitions-1, the ordered
// replica list of each partition (element 0 of the result is partition
// startPartitionID). The first broker in each list is the preferred leader.
//
// brokers are broker ids; a sorted copy is used, so the order in which the
// caller lists them (for example from ranging over a map) never changes the
// result. Broker ids must be distinct.
//
// With n brokers (after sorting), for partition id p:
//
//	first     = (p + startIndex) % n                       // leader, round robin
//	follower j = (first + 1 + (shift + j) % (n-1)) % n      // j = 0 .. rf-2
//
// and shift is incremented each time p reaches a non-zero multiple of n, so
// after every full round of leaders the followers move one step further from
// their leader. Because 1 + (shift+j)%(n-1) takes rf-1 distinct values in
// 1..n-1, a partition never has the same broker twice.
//
// Kafka draws startIndex and shift independently and uniformly from [0, n)
// at topic creation; when a caller fixes the start index (tests, adding
// partitions) Kafka uses that same value as the shift. Values outside that range are reduced modulo n (startIndex) or n-1 (shift)
// here, which gives the same placement. A negative startPartitionID is
// treated as 0, as Kafka does.
//
// Adding partitions: Kafka's add-partitions path calls this with
// startPartitionID = the current partition count and startIndex = the
// position of partition 0's leader, so the new leaders continue the existing
// round robin exactly. The follower pattern continues exactly too if shift is
// set to the shift the original assignment had reached, i.e.
// originalShift + (startPartitionID-1)/n; Kafka itself passes
// shift = startIndex, so its followers for new partitions may differ from
// what a single larger creation would have produced.
//
// Errors use Kafka's wording. They are checked in Kafka's order: partition
// count, then replication factor, then broker count. The "too few brokers"
// text is the one KRaft controllers return; ZooKeeper-era AdminUtils said
// "Replication factor: R larger than available brokers: N." instead.
//
// Worked example (AdminRackAwareTest.testReplicaAssignment): brokers 0..4,
// 10 partitions, replication factor 3, startIndex 0, shift 0 gives
//
//	p0:[0 1 2] p1:[1 2 3] p2:[2 3 4] p3:[3 4 0] p4:[4 0 1]
//	p5:[0 2 3] p6:[1 3 4] p7:[2 4 0] p8:[3 0 1] p9:[4 1 2]
//
// For p5 the leader index wraps back to broker 0, so shift becomes 1 and the
// followers are 0+1+(1+0)%4 = 2 and 0+1+(1+1)%4 = 3.
func AssignReplicas(brokers []int32, numPartitions, replicationFactor, startIndex, shift, startPartitionID int) ([][]int32, error) {
	if numPartitions <= 0 {
		return nil, errors.New("Number of partitions must be larger than 0.")
	}
	if replicationFactor <= 0 {
		return nil, errors.New("Replication factor must be larger than 0.")
	}
	n := len(brokers)
	if replicationFactor > n {
		return nil, fmt.Errorf("Unable to replicate the partition %d time(s): The target replication factor of %d cannot be reached because only %d broker(s) are registered.",
			replicationFactor, replicationFactor, n)
	}

	sorted := slices.Clone(brokers)
	slices.Sort(sorted)
	for i := 1; i < n; i++ {
		if sorted[i] == sorted[i-1] {
			return nil, fmt.Errorf("placement: broker id %d is listed more than once", sorted[i])
		}
	}

	start := mod(startIndex, n)
	// Only shift modulo n-1 matters. With a single broker there are no
	// followers (rf must be 1), and n-1 = 0 is never used as a divisor.
	followerSpan := n - 1
	if followerSpan > 0 {
		shift = mod(shift, followerSpan)
	}
	pid := max(startPartitionID, 0)

	out := make([][]int32, numPartitions)
	for i := range out {
		if pid > 0 && pid%n == 0 {
			shift++
			if shift == followerSpan {
				shift = 0
			}
		}
		first := (pid%n + start) % n
		replicas := make([]int32, 0, replicationFactor)
		replicas = append(replicas, sorted[first])
		for j := 0; j < replicationFactor-1; j++ {
			offset := 1 + (shift+j)%followerSpan
			replicas = append(replicas, sorted[(first+offset)%n])
		}
		out[i] = replicas
		pid++
	}
	return out, nil
}

// mod returns x modulo m in [0, m), for m > 0, also for negative x.
func mod(x, m int) int {
	r := x % m
	if r < 0 {
		r += m
	}
	return r
}
