package assign

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// stickyVector is one row of kafka-semantics.md §2.4 (Kafka's
// AbstractStickyAssignorTest, which runs against both StickyAssignor and
// CooperativeStickyAssignor).
type stickyVector struct {
	name       string
	partitions map[string]int32
	members    []Member
	want       map[string]string
	// ordered: the Kafka test asserts each member's list order.
	ordered bool
	// general: the GeneralAssignmentBuilder runs, so Kafka leaves
	// partitionsTransferringOwnership null.
	general bool
	// transferring: partitionsTransferringOwnership, partition → new owner.
	transferring map[string]string
	// only: check just these members (the Kafka test asserts no others).
	only []string
}

// checkSticky asserts a vector against Sticky and CooperativeSticky.
//
// Eager: the plan is the final assignment and the builder's transferring set
// is as expected. Cooperative: the first round is the final assignment
// minus the transferring partitions, which are the withheld set; then the
// members rejoin until nothing is revoked (Kafka's verifyValidityAndBalance
// for the cooperative assignor) and the settled plan is the final
// assignment again.
func checkSticky(t *testing.T, v stickyVector) {
	t.Helper()
	want := plan(v.want)
	compare := func(t *testing.T, want, got Plan, what string) {
		t.Helper()
		if v.only != nil {
			got = clonePlan(got)
			for id := range got {
				if !slices.Contains(v.only, id) {
					delete(got, id)
				}
			}
		}
		if v.ordered {
			requirePlan(t, want, got, what)
		} else {
			requirePlanSets(t, want, got, what)
		}
	}

	t.Run("sticky", func(t *testing.T) {
		got := Sticky(v.members, v.partitions)
		compare(t, want, got, "eager plan")
		requireValid(t, v.members, v.partitions, got)
		tr := transferringOf(v.members, v.partitions)
		if v.general {
			require.Nil(t, tr, "general path leaves partitionsTransferringOwnership null")
		} else {
			wantTr := map[TopicPartition]string{}
			for tp, id := range v.transferring {
				wantTr[tps(tp)[0]] = id
			}
			require.Equal(t, wantTr, tr, "partitionsTransferringOwnership")
		}
	})

	t.Run("cooperative-sticky", func(t *testing.T) {
		first, withheld, last, final := cooperativeSettle(t, v.members, v.partitions, 1)
		wantWithheld := []TopicPartition{}
		wantFirst := clonePlan(want)
		for s, id := range v.transferring {
			tp := tps(s)[0]
			wantWithheld = append(wantWithheld, tp)
			wantFirst[id] = removeFirst(wantFirst[id], tp)
		}
		slices.SortFunc(wantWithheld, compareTopicPartition)
		require.Equal(t, wantWithheld, withheld, "withheld")
		compare(t, wantFirst, first, "first round")
		compare(t, want, final, "after follow-up rebalances")
		requireValid(t, last, v.partitions, final)
	})
}

var stickyVectors = []stickyVector{
	{
		name:         "testTwoConsumersTwoTopicsSixPartitions",
		partitions:   map[string]int32{"topic1": 3, "topic2": 3},
		members:      []Member{dyn("consumer1", "topic1", "topic2"), dyn("consumer2", "topic1", "topic2")},
		want:         map[string]string{"consumer1": "topic1-0 topic1-2 topic2-1", "consumer2": "topic1-1 topic2-0 topic2-2"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:       "testMultipleConsumersMixedTopicSubscriptions",
		partitions: map[string]int32{"topic1": 3, "topic2": 2},
		members: []Member{
			dyn("consumer1", "topic1"),
			dyn("consumer2", "topic1", "topic2"),
			dyn("consumer3", "topic1"),
		},
		want: map[string]string{
			"consumer1": "topic1-0 topic1-2",
			"consumer2": "topic2-0 topic2-1",
			"consumer3": "topic1-1",
		},
		ordered: true,
		general: true,
	},
	{
		name:       "testConsumerOwningMinQuotaExpectedMaxQuota",
		partitions: map[string]int32{"topic1": 2, "topic2": 3},
		members: []Member{
			owns(dyn("consumer1", "topic1", "topic2"), 1, "topic1-0 topic2-1"),
			owns(dyn("consumer2", "topic1", "topic2"), 1, "topic1-1 topic2-2"),
		},
		want:         map[string]string{"consumer1": "topic1-0 topic2-1 topic2-0", "consumer2": "topic1-1 topic2-2"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		// The HashMap-order vector: Java visits consumer3, consumer2,
		// consumer1, so consumer2 keeps its second partition.
		name:       "testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers",
		partitions: map[string]int32{"topic1": 2, "topic2": 2},
		members: []Member{
			owns(dyn("consumer1", "topic1", "topic2"), 1, "topic1-0 topic2-0"),
			owns(dyn("consumer2", "topic1", "topic2"), 1, "topic1-1 topic2-1"),
			owns(dyn("consumer3", "topic1", "topic2"), 1, ""),
		},
		want:         map[string]string{"consumer1": "topic1-0", "consumer2": "topic1-1 topic2-1", "consumer3": "topic2-0"},
		ordered:      true,
		transferring: map[string]string{"topic2-0": "consumer3"},
	},
	{
		name:       "testAllConsumersAreUnderMinQuota",
		partitions: map[string]int32{"topic1": 2, "topic2": 3},
		members: []Member{
			owns(dyn("consumer1", "topic1", "topic2"), 1, "topic1-0"),
			owns(dyn("consumer2", "topic1", "topic2"), 1, "topic1-1"),
			owns(dyn("consumer3", "topic1", "topic2"), 1, ""),
		},
		want:         map[string]string{"consumer1": "topic1-0 topic2-1", "consumer2": "topic1-1 topic2-2", "consumer3": "topic2-0"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:       "StickyAssignor Javadoc example 1 (fresh)",
		partitions: map[string]int32{"t0": 2, "t1": 2, "t2": 2, "t3": 2},
		members: []Member{
			dyn("C0", "t0", "t1", "t2", "t3"),
			dyn("C1", "t0", "t1", "t2", "t3"),
			dyn("C2", "t0", "t1", "t2", "t3"),
		},
		want:         map[string]string{"C0": "t0-0 t1-1 t3-0", "C1": "t0-1 t2-0 t3-1", "C2": "t1-0 t2-1"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		// What today's constrained code gives, not what the Javadoc says
		// (kafka-semantics.md §2.4 explains the difference).
		name:       "StickyAssignor Javadoc example 1 (C1 removed)",
		partitions: map[string]int32{"t0": 2, "t1": 2, "t2": 2, "t3": 2},
		members: []Member{
			owns(dyn("C0", "t0", "t1", "t2", "t3"), 1, "t0-0 t1-1 t3-0"),
			owns(dyn("C2", "t0", "t1", "t2", "t3"), 1, "t1-0 t2-1"),
		},
		want:         map[string]string{"C0": "t0-0 t3-0 t1-1 t0-1", "C2": "t1-0 t2-1 t2-0 t3-1"},
		ordered:      true,
		transferring: map[string]string{},
	},

	// The rows below are further AbstractStickyAssignorTest cases at the
	// reference commit; kafka-semantics.md does not list them, but they pin
	// down the generation and conflict rules of §2.4.
	{
		name:         "testOneConsumerNoTopic",
		partitions:   map[string]int32{},
		members:      []Member{dyn("consumer")},
		want:         map[string]string{"consumer": ""},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:         "testOneConsumerNonexistentTopic",
		partitions:   map[string]int32{"topic": 0},
		members:      []Member{dyn("consumer", "topic")},
		want:         map[string]string{"consumer": ""},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:         "testOnlyAssignsPartitionsFromSubscribedTopics",
		partitions:   map[string]int32{"topic": 2},
		members:      []Member{owns(dyn("consumer", "topic"), 1, "topic-0 topic-1 other-0 other-1")},
		want:         map[string]string{"consumer": "topic-0 topic-1"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:       "testAllConsumersReachExpectedQuotaAndAreConsideredFilled",
		partitions: map[string]int32{"topic": 4},
		members: []Member{
			owns(dyn("consumer1", "topic"), 1, "topic-0 topic-1"),
			owns(dyn("consumer2", "topic"), 1, "topic-2"),
			owns(dyn("consumer3", "topic"), 1, ""),
		},
		want:         map[string]string{"consumer1": "topic-0 topic-1", "consumer2": "topic-2", "consumer3": "topic-3"},
		ordered:      true,
		transferring: map[string]string{},
	},
	{
		name:       "testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration",
		partitions: map[string]int32{"topic": 3},
		members: []Member{
			owns(dyn("consumer1", "topic"), 1, "topic-0 topic-1"),
			owns(dyn("consumer2", "topic"), 1, "topic-0 topic-2"),
			owns(dyn("consumer3", "topic"), 1, ""),
		},
		want:         map[string]string{"consumer1": "topic-1", "consumer2": "topic-2", "consumer3": "topic-0"},
		ordered:      true,
		transferring: map[string]string{"topic-0": "consumer3"},
	},
	{
		name:       "testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration",
		partitions: map[string]int32{"topic": 3, "topic2": 3},
		members: []Member{
			owns(dyn("consumer1", "topic", "topic2"), 10, "topic-0 topic-2 topic2-1"),
			owns(dyn("consumer2", "topic", "topic2"), 9, "topic-0 topic-2 topic2-1"),
		},
		want:         map[string]string{"consumer1": "topic-0 topic-2 topic2-1", "consumer2": "topic-1 topic2-0 topic2-2"},
		transferring: map[string]string{},
	},
	{
		name:       "testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration",
		partitions: map[string]int32{"topic": 3, "topic2": 3},
		members: []Member{
			owns(dyn("consumer1", "topic", "topic2"), 10, "topic-0 topic-2 topic2-1"),
			owns(dyn("consumer2", "topic", "topic2"), -1, "topic-0 topic-2 topic2-1"),
		},
		want:         map[string]string{"consumer1": "topic-0 topic-2 topic2-1", "consumer2": "topic-1 topic2-0 topic2-2"},
		transferring: map[string]string{},
	},
	{
		name:       "testEnsurePartitionsAssignedToHighestGeneration",
		partitions: map[string]int32{"topic": 3, "topic2": 3, "topic3": 3},
		members: []Member{
			owns(dyn("consumer1", "topic", "topic2", "topic3"), 10, "topic-0 topic2-0 topic3-0"),
			owns(dyn("consumer2", "topic", "topic2", "topic3"), 9, "topic-1 topic2-1 topic3-1"),
			owns(dyn("consumer3", "topic", "topic2", "topic3"), 8, "topic2-1 topic3-0 topic3-2"),
		},
		want: map[string]string{
			"consumer1": "topic-0 topic2-0 topic3-0",
			"consumer2": "topic-1 topic2-1 topic3-1",
			"consumer3": "topic-2 topic2-2 topic3-2",
		},
		transferring: map[string]string{},
	},
	{
		name:       "testNoReassignmentOnCurrentMembers",
		partitions: map[string]int32{"topic": 3, "topic1": 3, "topic2": 3, "topic3": 3},
		members: []Member{
			owns(dyn("consumer1", "topic", "topic2", "topic3", "topic1"), -1, ""),
			owns(dyn("consumer2", "topic", "topic2", "topic3", "topic1"), 9, "topic-0 topic2-0 topic1-0"),
			owns(dyn("consumer3", "topic", "topic2", "topic3", "topic1"), 8, "topic3-2 topic2-2 topic1-1"),
			owns(dyn("consumer4", "topic", "topic2", "topic3", "topic1"), 7, "topic3-1 topic-1 topic-2"),
		},
		want:         map[string]string{"consumer1": "topic1-2 topic2-1 topic3-0"},
		only:         []string{"consumer1"},
		transferring: map[string]string{},
	},
	{
		name:       "testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration",
		partitions: map[string]int32{"topic": 3, "topic2": 3},
		members: []Member{
			owns(dyn("consumer1", "topic", "topic2"), 10, "topic-0 topic2-1 topic-1"),
			owns(dyn("consumer2", "topic", "topic2"), 8, "topic-0 topic2-1 topic2-2"),
		},
		want:         map[string]string{"consumer1": "topic-0 topic2-1 topic-1", "consumer2": "topic-2 topic2-2 topic2-0"},
		transferring: map[string]string{},
	},
}

func TestStickyKafkaVectors(t *testing.T) {
	t.Parallel()
	for _, v := range stickyVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			checkSticky(t, v)
		})
	}
}

// CooperativeStickyAssignorTest: a partition claimed by two members of the
// same generation cannot be assigned until both have revoked it.
func TestCooperativeKafkaVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		partitions map[string]int32
		want       map[string]string
	}{
		{
			name:       "testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer",
			partitions: map[string]int32{"topic": 3},
			want:       map[string]string{"consumer1": "topic-1", "consumer2": "topic-2", "consumer3": ""},
		},
		{
			name:       "testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer",
			partitions: map[string]int32{"topic": 4},
			want:       map[string]string{"consumer1": "topic-1 topic-3", "consumer2": "topic-2", "consumer3": ""},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			members := []Member{
				owns(dyn("consumer1", "topic"), 1, "topic-0 topic-1"),
				owns(dyn("consumer2", "topic"), 1, "topic-0 topic-2"),
				owns(dyn("consumer3", "topic"), 1, ""),
			}
			first, withheld, last, final := cooperativeSettle(t, members, tc.partitions, 1)
			requirePlan(t, plan(tc.want), first)
			require.Equal(t, tps("topic-0"), withheld)
			requireValid(t, last, tc.partitions, final)
			requireBalanced(t, last, final)
		})
	}
}

// testAddRemoveConsumerOneTopic: each step feeds the previous result back
// as the owned partitions.
func TestStickyAddRemoveConsumerOneTopic(t *testing.T) {
	t.Parallel()
	partitions := map[string]int32{"topic": 3}

	t.Run("sticky", func(t *testing.T) {
		step1 := []Member{dyn("consumer1", "topic")}
		p1 := Sticky(step1, partitions)
		requirePlan(t, plan(map[string]string{"consumer1": "topic-0 topic-1 topic-2"}), p1)

		step2 := []Member{owns(dyn("consumer1", "topic"), 1, "topic-0 topic-1 topic-2"), owns(dyn("consumer2", "topic"), 1, "")}
		step2[0].Owned = p1["consumer1"]
		p2 := Sticky(step2, partitions)
		requirePlan(t, plan(map[string]string{"consumer1": "topic-0 topic-1", "consumer2": "topic-2"}), p2)
		require.Equal(t, map[TopicPartition]string{{"topic", 2}: "consumer2"}, transferringOf(step2, partitions))

		step3 := []Member{owns(dyn("consumer2", "topic"), 1, "")}
		step3[0].Owned = p2["consumer2"]
		p3 := Sticky(step3, partitions)
		requirePlanSets(t, plan(map[string]string{"consumer2": "topic-2 topic-1 topic-0"}), p3)
		require.Empty(t, transferringOf(step3, partitions))
	})

	t.Run("cooperative-sticky", func(t *testing.T) {
		first, _, _, final := cooperativeSettle(t, []Member{dyn("consumer1", "topic")}, partitions, 1)
		requirePlan(t, plan(map[string]string{"consumer1": "topic-0 topic-1 topic-2"}), first)

		step2 := withOwned([]Member{dyn("consumer1", "topic"), dyn("consumer2", "topic")}, final, 1)
		first, withheld, _, final := cooperativeSettle(t, step2, partitions, 1)
		// consumer2 gets nothing until consumer1 has revoked topic-2...
		requirePlan(t, plan(map[string]string{"consumer1": "topic-0 topic-1", "consumer2": ""}), first)
		require.Equal(t, tps("topic-2"), withheld)
		// ...and gets it in the follow-up rebalance.
		requirePlan(t, plan(map[string]string{"consumer1": "topic-0 topic-1", "consumer2": "topic-2"}), final)

		step3 := withOwned([]Member{dyn("consumer2", "topic")}, final, 1)
		first, withheld, _, _ = cooperativeSettle(t, step3, partitions, 1)
		requirePlanSets(t, plan(map[string]string{"consumer2": "topic-2 topic-1 topic-0"}), first)
		require.Empty(t, withheld)
	})
}

// testAddRemoveTwoConsumersTwoTopics, three steps.
func TestStickyAddRemoveTwoConsumersTwoTopics(t *testing.T) {
	t.Parallel()
	partitions := map[string]int32{"topic1": 3, "topic2": 4}
	all := []string{"topic1", "topic2"}
	want1 := plan(map[string]string{
		"consumer1": "topic1-0 topic1-2 topic2-1 topic2-3",
		"consumer2": "topic1-1 topic2-0 topic2-2",
	})
	want2 := plan(map[string]string{
		"consumer1": "topic1-0 topic2-1",
		"consumer2": "topic2-0 topic1-1",
		"consumer3": "topic1-2 topic2-3",
		"consumer4": "topic2-2",
	})
	want2Transferring := map[TopicPartition]string{
		{"topic1", 2}: "consumer3",
		{"topic2", 3}: "consumer3",
		{"topic2", 2}: "consumer4",
	}
	want3 := plan(map[string]string{
		"consumer3": "topic1-2 topic2-3 topic1-0 topic2-1",
		"consumer4": "topic2-2 topic1-1 topic2-0",
	})
	four := []Member{dyn("consumer1", all...), dyn("consumer2", all...), dyn("consumer3", all...), dyn("consumer4", all...)}

	t.Run("sticky", func(t *testing.T) {
		step1 := four[:2]
		p1 := Sticky(step1, partitions)
		requirePlan(t, want1, p1)
		require.Empty(t, transferringOf(step1, partitions))

		step2 := withOwned(four, p1, 1)
		p2 := Sticky(step2, partitions)
		requirePlan(t, want2, p2)
		require.Equal(t, want2Transferring, transferringOf(step2, partitions))

		step3 := withOwned(four[2:], p2, 1)
		p3 := Sticky(step3, partitions)
		requirePlan(t, want3, p3)
		require.Empty(t, transferringOf(step3, partitions))
	})

	t.Run("cooperative-sticky", func(t *testing.T) {
		first, withheld, _, final := cooperativeSettle(t, four[:2], partitions, 1)
		requirePlan(t, want1, first)
		require.Empty(t, withheld)

		first, withheld, _, final = cooperativeSettle(t, withOwned(four, final, 1), partitions, 1)
		require.Equal(t, tps("topic1-2 topic2-2 topic2-3"), withheld)
		requirePlan(t, plan(map[string]string{
			"consumer1": "topic1-0 topic2-1",
			"consumer2": "topic2-0 topic1-1",
			"consumer3": "",
			"consumer4": "",
		}), first)
		requirePlan(t, want2, final)

		first, withheld, _, _ = cooperativeSettle(t, withOwned(four[2:], final, 1), partitions, 1)
		requirePlan(t, want3, first)
		require.Empty(t, withheld)
	})
}

func TestJavaHashMapOrder(t *testing.T) {
	t.Parallel()
	// kafka-semantics.md §2.4: buckets 12, 11, 10.
	for id, bucket := range map[string]uint32{"consumer1": 12, "consumer2": 11, "consumer3": 10} {
		require.Equal(t, bucket, javaSpread(javaStringHash(id))&15, id)
	}
	require.Equal(t, []string{"consumer3", "consumer2", "consumer1"},
		javaHashMapOrder([]string{"consumer1", "consumer2", "consumer3"}))
	// Java's "foo".hashCode(), from kafka-semantics.md §2.5.
	require.Equal(t, int32(101574), javaStringHash("foo"))
	require.Equal(t, int32(-1906497762), javaStringHash("my-group"))
	// Same-bucket keys keep insertion order: "Aa" and "BB" have the same
	// hashCode (2112).
	require.Equal(t, javaStringHash("Aa"), javaStringHash("BB"))
	require.Equal(t, []string{"BB", "Aa"}, javaHashMapOrder([]string{"BB", "Aa"}))
	require.Equal(t, []string{"Aa", "BB"}, javaHashMapOrder([]string{"Aa", "BB"}))
}

// Past 12 entries the table doubles to 32 buckets, and the order follows
// the new bucket indices; the emulation must agree with a direct
// computation of those indices.
func TestJavaHashMapOrderResizes(t *testing.T) {
	t.Parallel()
	var ids []string
	for i := range 40 {
		ids = append(ids, "member-"+string(rune('a'+i%26))+string(rune('0'+i/26)))
	}
	for n := 1; n <= len(ids); n++ {
		capacity := uint32(16)
		for uint32(n) > capacity*3/4 {
			capacity *= 2
		}
		want := slices.Clone(ids[:n])
		slices.SortStableFunc(want, func(a, b string) int {
			return int(javaSpread(javaStringHash(a))&(capacity-1)) - int(javaSpread(javaStringHash(b))&(capacity-1))
		})
		require.Equal(t, want, javaHashMapOrder(ids[:n]), "n=%d", n)
	}
}

// A bucket that collects more than 8 keys makes a small table double (Java
// resizes instead of building a tree below 64 buckets).
func TestJavaHashTableTreeifyResize(t *testing.T) {
	t.Parallel()
	// Keys whose spread hash is a multiple of 16 all land in bucket 0 of a
	// 16-bucket table; the ninth forces a resize to 32 buckets.
	tab := newJavaHashTable(func(k int32) int32 { return k })
	for i := range int32(9) {
		tab.add(i * 16)
	}
	require.Len(t, tab.buckets, 32)
	require.Equal(t, []int32{0, 32, 64, 96, 128, 16, 48, 80, 112}, tab.keys())
	require.True(t, tab.remove(64))
	require.False(t, tab.remove(64))
	first, ok := tab.first()
	require.True(t, ok)
	require.Equal(t, int32(0), first)
}

func TestJavaCompare(t *testing.T) {
	t.Parallel()
	require.Negative(t, javaCompare("consumer-a", "consumer-b"))
	require.Negative(t, javaCompare("abc", "abcd"))
	require.Zero(t, javaCompare("x", "x"))
	// Go's byte order puts U+1F600 after U+FF5E; Java compares the high
	// surrogate 0xD83D with 0xFF5E and puts it first.
	require.Greater(t, "\U0001F600", "\uFF5E")
	require.Negative(t, javaCompare("\U0001F600", "\uFF5E"))
	require.Positive(t, javaCompare("\uFF5E", "\U0001F600"))
	require.Negative(t, javaCompare("\U0001F600", "\U0001F601"))
	// Java's hashCode runs over the two surrogates.
	require.Equal(t, int32(0xD83D*31+0xDE00), javaStringHash("\U0001F600"))
}

// General-path vectors (unequal subscriptions after a rebalance) that take
// the two rarely used branches of Kafka's balancing loop: moving a
// partition back to its owner from an older generation, and moving back an
// earlier moved partition instead of creating a swap (PartitionMovements).
// kafka-semantics.md has no such vectors; these expectations were computed
// by Kafka's own AbstractStickyAssignor (the classes at the reference
// commit, compiled and run locally with the owned partitions and
// generations below), list order included.
func TestStickyGeneralPathKafkaComputed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		partitions map[string]int32
		members    []Member
		want       map[string]string
	}{
		{
			name:       "swap avoided (t1 stays with c1, t2-2 moves)",
			partitions: map[string]int32{"t0": 4, "t1": 4, "t2": 3},
			members: []Member{
				owns(dyn("c0", "t1", "t2"), 1, "t2-0 t2-1 t2-2 t1-3"),
				owns(dyn("c1", "t0", "t1"), 2, "t0-0 t0-3"),
				owns(dyn("c2", "t0"), 1, "t0-1"),
				owns(dyn("c3", "t2"), 2, "t0-2"),
			},
			want: map[string]string{
				"c0": "t2-2 t1-3 t1-2",
				"c1": "t0-3 t1-0 t1-1",
				"c2": "t0-1 t0-2 t0-0",
				"c3": "t2-0 t2-1",
			},
		},
		{
			name:       "back to the previous-generation owner",
			partitions: map[string]int32{"t0": 2, "t1": 3, "t2": 4},
			members: []Member{
				owns(dyn("c0", "t0"), 1, "t0-0 t0-1"),
				owns(dyn("c1", "t0", "t2"), 2, "t1-0 t1-1"),
				owns(dyn("c2", "t2"), 2, "t2-0 t2-1 t2-2"),
				owns(dyn("c3", "t0", "t1", "t2"), 2, "t1-2 t2-3"),
			},
			want: map[string]string{
				"c0": "t0-1 t0-0",
				"c1": "t2-0 t2-3",
				"c2": "t2-1 t2-2",
				"c3": "t1-2 t1-0 t1-1",
			},
		},
		{
			name:       "subscription change, owners from an older generation",
			partitions: map[string]int32{"t0": 4, "t1": 2, "t2": 2},
			members: []Member{
				owns(dyn("c1", "t1", "t2"), 2, "t0-1 t0-3"),
				owns(dyn("c2", "t0", "t2"), 1, "t2-0 t2-1"),
				owns(dyn("c3", "t1"), 1, "t1-0 t1-1"),
			},
			want: map[string]string{
				"c1": "t2-0 t2-1",
				"c2": "t0-0 t0-1 t0-2 t0-3",
				"c3": "t1-1 t1-0",
			},
		},
		{
			name:       "swap avoided (three members)",
			partitions: map[string]int32{"t0": 2, "t1": 2, "t2": 4},
			members: []Member{
				owns(dyn("c0", "t1"), 1, "t0-0 t0-1"),
				owns(dyn("c1", "t1", "t2"), 2, "t2-0 t2-1 t2-2"),
				owns(dyn("c2", "t0", "t1", "t2"), 1, "t1-0 t1-1 t2-3"),
			},
			want: map[string]string{
				"c0": "t1-0 t1-1",
				"c1": "t2-0 t2-1 t2-2",
				"c2": "t0-0 t0-1 t2-3",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Sticky(tc.members, tc.partitions)
			requirePlan(t, plan(tc.want), got)
			require.Nil(t, transferringOf(tc.members, tc.partitions))
			requireValid(t, tc.members, tc.partitions, got)
			requireBalanced(t, tc.members, got)
			_, _, last, final := cooperativeSettle(t, tc.members, tc.partitions, 3)
			requireValid(t, last, tc.partitions, final)
			requireBalanced(t, last, final)
		})
	}
}
