package assign

// franz-go (github.com/twmb/franz-go, a test-only dependency) as an oracle.
// Its kgo.RangeBalancer and kgo.RoundRobinBalancer document themselves as
// equivalent to the Java assignors, so on random groups they must produce
// exactly our plans. Its sticky balancer is a different algorithm with the
// same goals, so for sticky only the properties are compared: both must be
// valid, balanced and sticky by the checkers in property_test.go.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// kgoBalance runs a kgo balancer the way a franz-go group leader does: each
// member's JoinGroup metadata comes from the balancer's own
// JoinGroupMetadata, the members are sorted as the client sorts them
// (instance id first, then member id), and the plan is read back from the
// SyncGroup assignments.
func kgoBalance(t testing.TB, b kgo.GroupBalancer, members []Member, partitions map[string]int32) Plan {
	t.Helper()
	ms, _ := checkMembers(members)
	join := make([]kmsg.JoinGroupResponseMember, 0, len(ms))
	for _, m := range ms {
		topics := slices.Sorted(slices.Values(m.Topics))
		topics = slices.Compact(topics)
		owned := map[string][]int32{}
		for _, tp := range m.Owned {
			owned[tp.Topic] = append(owned[tp.Topic], tp.Partition)
		}
		for topic := range owned {
			slices.Sort(owned[topic])
		}
		jm := kmsg.NewJoinGroupResponseMember()
		jm.MemberID = m.ID
		if m.InstanceID != "" {
			jm.InstanceID = kmsg.StringPtr(m.InstanceID)
		}
		jm.ProtocolMetadata = b.JoinGroupMetadata(topics, owned, m.Generation)
		join = append(join, jm)
	}
	slices.SortFunc(join, func(l, r kmsg.JoinGroupResponseMember) int {
		switch {
		case l.InstanceID != nil && r.InstanceID != nil:
			if *l.InstanceID != *r.InstanceID {
				return javaCompare(*l.InstanceID, *r.InstanceID)
			}
		case l.InstanceID != nil:
			return -1
		case r.InstanceID != nil:
			return 1
		}
		return javaCompare(l.MemberID, r.MemberID)
	})

	mb, _, err := b.MemberBalancer(join)
	require.NoError(t, err)
	var into kgo.IntoSyncAssignment
	if be, ok := mb.(kgo.GroupMemberBalancerOrError); ok {
		into, err = be.BalanceOrError(partitions)
		require.NoError(t, err)
	} else {
		into = mb.Balance(partitions)
	}

	out := make(Plan, len(ms))
	for _, m := range ms {
		out[m.ID] = []TopicPartition{}
	}
	for _, a := range into.IntoSyncAssignment() {
		var ca kmsg.ConsumerMemberAssignment
		require.NoError(t, ca.ReadFrom(a.MemberAssignment))
		for _, topic := range ca.Topics {
			for _, p := range topic.Partitions {
				out[a.MemberID] = append(out[a.MemberID], TopicPartition{topic.Topic, p})
			}
		}
	}
	return out
}

// oracleScenario is randomScenario with ASCII ids (kgo compares ids with
// Go's byte order, which is Java's order for ASCII) and without
// subscriptions to topics that do not exist.
func oracleScenario(r *rand.Rand, uniform bool) scenario {
	s := randomScenario(r, uniform)
	for i := range s.members {
		s.members[i].Topics = slices.DeleteFunc(slices.Clone(s.members[i].Topics), func(t string) bool { return t == "missing" })
	}
	return s
}

func TestFranzGoOracleRangeRoundRobin(t *testing.T) {
	t.Parallel()
	for seed := range uint64(1000) {
		r := rand.New(rand.NewPCG(seed, 5))
		s := oracleScenario(r, r.IntN(3) == 0)
		ctx := fmt.Sprintf("seed %d %v", seed, s)
		requirePlanSets(t, kgoBalance(t, kgo.RangeBalancer(), s.members, s.partitions), Range(s.members, s.partitions), "range "+ctx)
		requirePlanSets(t, kgoBalance(t, kgo.RoundRobinBalancer(), s.members, s.partitions), RoundRobin(s.members, s.partitions), "roundrobin "+ctx)
		// Our lists are already in the sorted order the SyncGroup
		// encoding uses.
		require.Equal(t, sortedPlan(Range(s.members, s.partitions)), Range(s.members, s.partitions), ctx)
		require.Equal(t, sortedPlan(RoundRobin(s.members, s.partitions)), RoundRobin(s.members, s.partitions), ctx)
	}
}

// The worked examples in kgo's doc comments are the Javadoc ones.
func TestFranzGoOracleDocExamples(t *testing.T) {
	t.Parallel()
	members := []Member{dyn("M0", "t0", "t1"), dyn("M1", "t0", "t1")}
	partitions := map[string]int32{"t0": 3, "t1": 3}
	require.Equal(t, "M0: [t0-0 t0-1 t1-0 t1-1]\nM1: [t0-2 t1-2]\n", Range(members, partitions).String())
	require.Equal(t, "M0: [t0-0 t0-2 t1-1]\nM1: [t0-1 t1-0 t1-2]\n", RoundRobin(members, partitions).String())
	requirePlan(t, kgoBalance(t, kgo.RangeBalancer(), members, partitions), Range(members, partitions))
	requirePlan(t, kgoBalance(t, kgo.RoundRobinBalancer(), members, partitions), RoundRobin(members, partitions))
}

// Sticky: franz-go and this package must both be valid, balanced and
// sticky, over a fresh assignment and the rebalance after one member leaves
// or joins. The plans themselves may differ.
func TestFranzGoOracleStickyProperties(t *testing.T) {
	t.Parallel()
	type balancer struct {
		name string
		run  func(members []Member, partitions map[string]int32) Plan
	}
	balancers := []balancer{
		{"assign.Sticky", Sticky},
		{"kgo.StickyBalancer", func(members []Member, partitions map[string]int32) Plan {
			return kgoBalance(t, kgo.StickyBalancer(), members, partitions)
		}},
	}
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 6))
		uniform := r.IntN(2) == 0
		s := oracleScenario(r, uniform)
		changes := []change{memberLeaves, memberJoins}
		c := changes[r.IntN(len(changes))]
		for _, b := range balancers {
			ctx := fmt.Sprintf("%s seed %d %v %v", b.name, seed, c, s)
			prev := b.run(s.members, s.partitions)
			require.NoError(t, checkValid(s.members, s.partitions, prev, nil), ctx)
			require.NoError(t, checkBalanced(s.members, prev), "%s\n%s", ctx, prev)

			members := nextGeneration(rand.New(rand.NewPCG(seed, 7)), s, prev, c, uniform)
			next := b.run(members, s.partitions)
			require.NoError(t, checkValid(members, s.partitions, next, nil), ctx)
			require.NoError(t, checkBalanced(members, next), "%s\n%s", ctx, next)
			if uniform {
				require.LessOrEqual(t, countSpread(next), 1, ctx)
				require.NoError(t, checkQuotaSticky(members, s.partitions, next), "%s\n%s", ctx, next)
			} else {
				require.NoError(t, checkNoSwaps(members, next), "%s\n%s", ctx, next)
			}
		}
	}
}

// Cooperative: franz-go's CooperativeStickyBalancer and CooperativeSticky
// both obey Kafka's verifyCooperativeValidity in every round and settle to
// a valid, balanced plan.
func TestFranzGoOracleCooperative(t *testing.T) {
	t.Parallel()
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 8))
		uniform := r.IntN(2) == 0
		s := oracleScenario(r, uniform)
		prev := Sticky(s.members, s.partitions)
		members := nextGeneration(r, s, prev, change(r.IntN(2)), uniform)
		ctx := fmt.Sprintf("seed %d %v", seed, s)

		kgoPlan := kgoBalance(t, kgo.CooperativeStickyBalancer(), members, s.partitions)
		last, final := members, kgoPlan
		for rounds := 0; cooperativeRevokes(t, last, final); rounds++ {
			require.LessOrEqual(t, rounds, 4, ctx)
			last = withOwned(last, final, 2)
			final = kgoBalance(t, kgo.CooperativeStickyBalancer(), last, s.partitions)
		}
		require.NoError(t, checkValid(last, s.partitions, final, nil), ctx)
		require.NoError(t, checkBalanced(last, final), ctx)

		first, withheld := CooperativeSticky(members, s.partitions)
		require.NoError(t, checkValid(members, s.partitions, first, withheld), ctx)
		_, _, last, final = cooperativeSettle(t, members, s.partitions, 2)
		require.NoError(t, checkValid(last, s.partitions, final, nil), ctx)
		require.NoError(t, checkBalanced(last, final), ctx)
	}
}
