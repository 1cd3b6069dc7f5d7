package kafkahash_test

import (
	"fmt"

	"github.com/kafka-playground/playground/engine/kafkahash"
)

// The producer's mapping for the key "kafka" (a vector shared by Kafka,
// librdkafka and the Dart client).
func ExamplePartitionForKey() {
	h := kafkahash.Murmur2([]byte("kafka"))
	fmt.Println(h, kafkahash.ToPositive(h))
	fmt.Println(kafkahash.PartitionForKey([]byte("kafka"), 3))
	fmt.Println(kafkahash.PartitionForKey([]byte("kafka"), 50))
	// Output:
	// -798503068 1348980580
	// 1
	// 30
}

// ToPositive clears the sign bit; it is not the absolute value.
func ExampleToPositive() {
	fmt.Println(kafkahash.ToPositive(-973932308), kafkahash.JavaAbs(-973932308))
	// Output:
	// 1173551340 973932308
}

// The coordinator for group "foo" with the default 50 offsets partitions,
// and with 10 (the case asserted in Kafka's GroupCoordinatorServiceTest).
func ExampleCoordinatorPartition() {
	fmt.Println(kafkahash.JavaStringHashCode("foo"))
	fmt.Println(kafkahash.CoordinatorPartition("foo", 50))
	fmt.Println(kafkahash.CoordinatorPartition("foo", 10))
	// Output:
	// 101574
	// 24
	// 4
}
