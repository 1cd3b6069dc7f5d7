package assign

import "testing"

// Vectors from kafka-semantics.md §2.3 (Kafka's RoundRobinAssignorTest and
// the RoundRobinAssignor Javadoc). RoundRobin emits each member's
// partitions in the order it deals them, which is sorted.
func TestRoundRobinKafkaVectors(t *testing.T) {
	t.Parallel()
	both := []string{"topic1", "topic2"}
	tests := []struct {
		name       string
		partitions map[string]int32
		members    []Member
		want       map[string]string
	}{
		{
			name:       "testTwoDynamicConsumersTwoTopicsSixPartitions",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members:    []Member{dyn("consumer1", both...), dyn("consumer2", both...)},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-2 topic2-1",
				"consumer2": "topic1-1 topic2-0 topic2-2",
			},
		},
		{
			name:       "testMultipleConsumersMixedTopics",
			partitions: map[string]int32{"topic1": 3, "topic2": 2},
			members: []Member{
				dyn("consumer1", "topic1"),
				dyn("consumer2", "topic1", "topic2"),
				dyn("consumer3", "topic1"),
			},
			want: map[string]string{
				"consumer1": "topic1-0",
				"consumer2": "topic1-1 topic2-0 topic2-1",
				"consumer3": "topic1-2",
			},
		},
		{
			name:       "testTwoStaticConsumersTwoTopicsSixPartitions",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members: []Member{
				static("consumer-b", "instance1", both...),
				static("consumer-a", "instance2", both...),
			},
			want: map[string]string{
				"consumer-b": "topic1-0 topic1-2 topic2-1",
				"consumer-a": "topic1-1 topic2-0 topic2-2",
			},
		},
		{
			name:       "testStaticMemberRoundRobinAssignmentPersistent",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members: []Member{
				static("consumer1", "instance1", both...),
				static("consumer2", "instance2", both...),
				static("consumer3", "instance3", both...),
				dyn("consumer4", both...),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic2-1",
				"consumer2": "topic1-1 topic2-2",
				"consumer3": "topic1-2",
				"consumer4": "topic2-0",
			},
		},
		{
			name:       "testStaticMemberRoundRobinAssignmentPersistent/replaced",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members: []Member{
				static("consumer1", "instance1", both...),
				static("consumer2", "instance2", both...),
				static("consumer3", "instance3", both...),
				dyn("consumer5", both...),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic2-1",
				"consumer2": "topic1-1 topic2-2",
				"consumer3": "topic1-2",
				"consumer5": "topic2-0",
			},
		},
		{
			name:       "testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges",
			partitions: map[string]int32{"topic1": 5, "topic2": 5},
			members: []Member{
				static("consumer1", "instance1", both...),
				static("consumer2", "instance2", both...),
				static("consumer3", "instance3", both...),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-3 topic2-1 topic2-4",
				"consumer2": "topic1-1 topic1-4 topic2-2",
				"consumer3": "topic1-2 topic2-0 topic2-3",
			},
		},
		{
			// The same instances after consumer3 → consumer4 and
			// consumer2 → consumer5: the instance ids keep the order.
			name:       "testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges/renamed",
			partitions: map[string]int32{"topic1": 5, "topic2": 5},
			members: []Member{
				static("consumer1", "instance1", both...),
				static("consumer5", "instance2", both...),
				static("consumer4", "instance3", both...),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-3 topic2-1 topic2-4",
				"consumer5": "topic1-1 topic1-4 topic2-2",
				"consumer4": "topic1-2 topic2-0 topic2-3",
			},
		},
		{
			name:       "RoundRobinAssignor Javadoc (mixed subscriptions)",
			partitions: map[string]int32{"t0": 1, "t1": 2, "t2": 3},
			members: []Member{
				dyn("C0", "t0"),
				dyn("C1", "t0", "t1"),
				dyn("C2", "t0", "t1", "t2"),
			},
			want: map[string]string{
				"C0": "t0-0",
				"C1": "t1-0",
				"C2": "t1-1 t2-0 t2-1 t2-2",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requirePlan(t, plan(tc.want), RoundRobin(tc.members, tc.partitions))
		})
	}
}
