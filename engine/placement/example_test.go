package placement_test

import (
	"fmt"

	"github.com/kafka-playground/playground/engine/placement"
)

// The AdminRackAwareTest layout: 5 brokers, 10 partitions, replication
// factor 3, start index 0 and shift 0. The first broker of each list is the
// preferred leader.
func ExampleAssignReplicas() {
	assignment, err := placement.AssignReplicas([]int32{0, 1, 2, 3, 4}, 10, 3, 0, 0, 0)
	if err != nil {
		panic(err)
	}
	for p, replicas := range assignment {
		fmt.Printf("p%d:%v\n", p, replicas)
	}
	// Output:
	// p0:[0 1 2]
	// p1:[1 2 3]
	// p2:[2 3 4]
	// p3:[3 4 0]
	// p4:[4 0 1]
	// p5:[0 2 3]
	// p6:[1 3 4]
	// p7:[2 4 0]
	// p8:[3 0 1]
	// p9:[4 1 2]
}
