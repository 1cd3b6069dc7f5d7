package assign

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Vectors from kafka-semantics.md §2.2 (Kafka's RangeAssignorTest). Kafka's
// tests compare each member's list; our lists are sorted by topic and
// partition, which is how the reference writes them.
func TestRangeKafkaVectors(t *testing.T) {
	t.Parallel()
	all := []string{"t1", "t2", "t3"}
	tests := []struct {
		name       string
		partitions map[string]int32
		members    []Member
		want       map[string]string
	}{
		{
			name:       "testOneConsumerOneTopic",
			partitions: map[string]int32{"topic1": 3},
			members:    []Member{dyn("consumer1", "topic1")},
			want:       map[string]string{"consumer1": "topic1-0 topic1-1 topic1-2"},
		},
		{
			name:       "testOneConsumerMultipleTopics",
			partitions: map[string]int32{"topic1": 1, "topic2": 2},
			members:    []Member{dyn("consumer1", "topic1", "topic2")},
			want:       map[string]string{"consumer1": "topic1-0 topic2-0 topic2-1"},
		},
		{
			name:       "testTwoConsumersOneTopicOnePartition",
			partitions: map[string]int32{"topic1": 1},
			members:    []Member{dyn("consumer1", "topic1"), dyn("consumer2", "topic1")},
			want:       map[string]string{"consumer1": "topic1-0", "consumer2": ""},
		},
		{
			name:       "testTwoConsumersOneTopicTwoPartitions",
			partitions: map[string]int32{"topic1": 2},
			members:    []Member{dyn("consumer1", "topic1"), dyn("consumer2", "topic1")},
			want:       map[string]string{"consumer1": "topic1-0", "consumer2": "topic1-1"},
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
			name:       "testTwoConsumersTwoTopicsSixPartitions",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members:    []Member{dyn("consumer1", "topic1", "topic2"), dyn("consumer2", "topic1", "topic2")},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-1 topic2-0 topic2-1",
				"consumer2": "topic1-2 topic2-2",
			},
		},
		{
			// The instance id decides the order, not the member id.
			name:       "testTwoStaticConsumersTwoTopicsSixPartitions",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members: []Member{
				static("consumer-b", "instance1", "topic1", "topic2"),
				static("consumer-a", "instance2", "topic1", "topic2"),
			},
			want: map[string]string{
				"consumer-b": "topic1-0 topic1-1 topic2-0 topic2-1",
				"consumer-a": "topic1-2 topic2-2",
			},
		},
		{
			// Static members sort before dynamic ones.
			name:       "testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions",
			partitions: map[string]int32{"topic1": 3, "topic2": 3},
			members: []Member{
				static("consumer-b", "instance1", "topic1", "topic2"),
				dyn("consumer-a", "topic1", "topic2"),
			},
			want: map[string]string{
				"consumer-b": "topic1-0 topic1-1 topic2-0 topic2-1",
				"consumer-a": "topic1-2 topic2-2",
			},
		},
		{
			name:       "testStaticMemberRangeAssignmentPersistent",
			partitions: map[string]int32{"topic1": 5, "topic2": 4},
			members: []Member{
				static("consumer1", "instance1", "topic1", "topic2"),
				static("consumer2", "instance2", "topic1", "topic2"),
				static("consumer3", "instance3", "topic1", "topic2"),
				dyn("consumer4", "topic1", "topic2"),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-1 topic2-0",
				"consumer2": "topic1-2 topic2-1",
				"consumer3": "topic1-3 topic2-2",
				"consumer4": "topic1-4 topic2-3",
			},
		},
		{
			// ...and a new dynamic member replacing consumer4 takes its ranges.
			name:       "testStaticMemberRangeAssignmentPersistent/replaced",
			partitions: map[string]int32{"topic1": 5, "topic2": 4},
			members: []Member{
				static("consumer1", "instance1", "topic1", "topic2"),
				static("consumer2", "instance2", "topic1", "topic2"),
				static("consumer3", "instance3", "topic1", "topic2"),
				dyn("consumer5", "topic1", "topic2"),
			},
			want: map[string]string{
				"consumer1": "topic1-0 topic1-1 topic2-0",
				"consumer2": "topic1-2 topic2-1",
				"consumer3": "topic1-3 topic2-2",
				"consumer5": "topic1-4 topic2-3",
			},
		},
		{
			name:       "testRackAwareAssignmentWithUniformSubscription (non-rack)",
			partitions: map[string]int32{"t1": 6, "t2": 7, "t3": 2},
			members:    []Member{dyn("consumer0", all...), dyn("consumer1", all...), dyn("consumer2", all...)},
			want: map[string]string{
				"consumer0": "t1-0, t1-1, t2-0, t2-1, t2-2, t3-0",
				"consumer1": "t1-2, t1-3, t2-3, t2-4, t3-1",
				"consumer2": "t1-4, t1-5, t2-5, t2-6",
			},
		},
		{
			name:       "testRackAwareAssignmentWithNonEqualSubscription (non-rack)",
			partitions: map[string]int32{"t1": 6, "t2": 7, "t3": 2},
			members:    []Member{dyn("consumer0", all...), dyn("consumer1", all...), dyn("consumer2", "t1", "t3")},
			want: map[string]string{
				"consumer0": "t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0",
				"consumer1": "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1",
				"consumer2": "t1-4, t1-5",
			},
		},
		{
			name:       "testRackAwareAssignmentWithUniformPartitions (non-rack)",
			partitions: map[string]int32{"t1": 5, "t2": 5, "t3": 5},
			members:    []Member{dyn("consumer0", all...), dyn("consumer1", all...), dyn("consumer2", all...)},
			want: map[string]string{
				"consumer0": "t1-0, t1-1, t2-0, t2-1, t3-0, t3-1",
				"consumer1": "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3",
				"consumer2": "t1-4, t2-4, t3-4",
			},
		},
		{
			name:       "RangeAssignor Javadoc",
			partitions: map[string]int32{"t0": 3, "t1": 3},
			members:    []Member{dyn("C0", "t0", "t1"), dyn("C1", "t0", "t1")},
			want: map[string]string{
				"C0": "t0-0 t0-1 t1-0 t1-1",
				"C1": "t0-2 t1-2",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			requirePlan(t, plan(tc.want), Range(tc.members, tc.partitions))
		})
	}
}

// Topics nobody subscribes to, topics without partitions and topics that do
// not exist are skipped; every member still has an entry.
func TestRangeSkipsUnassignableTopics(t *testing.T) {
	t.Parallel()
	got := Range([]Member{
		dyn("a", "t", "ghost", "empty"),
		dyn("b"),
	}, map[string]int32{"t": 2, "other": 4, "empty": 0})
	requirePlan(t, plan(map[string]string{"a": "t-0 t-1", "b": ""}), got)
	require.NotNil(t, got["b"])
}
