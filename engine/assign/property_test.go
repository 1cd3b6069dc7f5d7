package assign

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// The checkers below restate the assignors' contracts independently of the
// code under test; property tests, the franz-go oracle test and the fuzz
// target all use them.

// checkMembers applies the input normalisation the package promises: the
// first entry of each member id wins, subscriptions are sets.
func checkMembers(members []Member) ([]Member, map[string]map[string]bool) {
	var out []Member
	subs := map[string]map[string]bool{}
	for _, m := range members {
		if _, dup := subs[m.ID]; dup {
			continue
		}
		subs[m.ID] = map[string]bool{}
		for _, t := range m.Topics {
			subs[m.ID][t] = true
		}
		out = append(out, m)
	}
	return out, subs
}

// assignable lists every partition some member can take, sorted.
func assignable(members []Member, partitions map[string]int32) []TopicPartition {
	_, subs := checkMembers(members)
	var out []TopicPartition
	for topic, n := range partitions {
		subscribed := false
		for _, s := range subs {
			subscribed = subscribed || s[topic]
		}
		if !subscribed {
			continue
		}
		for p := int32(0); p < n; p++ {
			out = append(out, TopicPartition{topic, p})
		}
	}
	slices.SortFunc(out, compareTopicPartition)
	return out
}

// checkValid returns an error unless p gives every assignable partition
// except those in missing to exactly one member subscribed to its topic,
// lists every member, and nothing else.
func checkValid(members []Member, partitions map[string]int32, p Plan, missing []TopicPartition) error {
	ms, subs := checkMembers(members)
	if len(p) != len(ms) {
		return fmt.Errorf("plan has %d members, want %d", len(p), len(ms))
	}
	holder := map[TopicPartition]string{}
	for _, m := range ms {
		list, ok := p[m.ID]
		if !ok || list == nil {
			return fmt.Errorf("member %q has no entry", m.ID)
		}
		for _, tp := range list {
			if other, dup := holder[tp]; dup {
				return fmt.Errorf("%v assigned to %q and %q", tp, other, m.ID)
			}
			holder[tp] = m.ID
			if !subs[m.ID][tp.Topic] {
				return fmt.Errorf("%v assigned to %q, which does not subscribe to %q", tp, m.ID, tp.Topic)
			}
		}
	}
	want := assignable(members, partitions)
	for _, tp := range want {
		_, got := holder[tp]
		if got == slices.Contains(missing, tp) {
			return fmt.Errorf("%v: assigned=%v, withheld=%v", tp, got, !got)
		}
	}
	if len(holder)+len(missing) != len(want) {
		return fmt.Errorf("%d partitions assigned and %d withheld, want %d in all", len(holder), len(missing), len(want))
	}
	return nil
}

func requireValid(t testing.TB, members []Member, partitions map[string]int32, p Plan) {
	t.Helper()
	require.NoError(t, checkValid(members, partitions, p, nil), "plan:\n%s", p)
}

// checkBalanced is the sticky balance goal: no member holds a partition of a
// topic that another member with at least two fewer partitions subscribes
// to (one move would improve the balance). With equal subscriptions that
// means counts differ by at most one.
func checkBalanced(members []Member, p Plan) error {
	ms, subs := checkMembers(members)
	for _, a := range ms {
		for _, b := range ms {
			if len(p[a.ID]) < len(p[b.ID])+2 {
				continue
			}
			for _, tp := range p[a.ID] {
				if subs[b.ID][tp.Topic] {
					return fmt.Errorf("%v could move from %q (%d partitions) to %q (%d)", tp, a.ID, len(p[a.ID]), b.ID, len(p[b.ID]))
				}
			}
		}
	}
	return nil
}

func requireBalanced(t testing.TB, members []Member, p Plan) {
	t.Helper()
	require.NoError(t, checkBalanced(members, p), "plan:\n%s", p)
}

// countSpread returns max-min of the members' partition counts.
func countSpread(p Plan) int {
	lo, hi := -1, 0
	for _, l := range p {
		if lo < 0 || len(l) < lo {
			lo = len(l)
		}
		hi = max(hi, len(l))
	}
	return hi - max(lo, 0)
}

// checkQuotaSticky is the stickiness guarantee of the constrained path, for
// members whose owned partitions come from a valid earlier plan: with
// quotas minQ = P/C and maxQ = ceil(P/C), every member keeps at least
// min(owned, minQ) of its partitions (so a member at or under minQ keeps
// everything), and of the members owning maxQ or more, as many keep maxQ as
// the P%C spare slots allow.
func checkQuotaSticky(members []Member, partitions map[string]int32, p Plan) error {
	total := len(assignable(members, partitions))
	c := len(members)
	minQ, maxQ, spare := total/c, (total+c-1)/c, total%c
	owners, keptMax := 0, 0
	for _, m := range members {
		kept := 0
		for _, tp := range m.Owned {
			if slices.Contains(p[m.ID], tp) {
				kept++
			}
		}
		if kept < min(len(m.Owned), minQ) {
			return fmt.Errorf("%q owned %v but keeps only %d (minQuota %d)", m.ID, m.Owned, kept, minQ)
		}
		if minQ < maxQ && len(m.Owned) >= maxQ {
			owners++
			if kept >= maxQ {
				keptMax++
			}
		}
	}
	if keptMax < min(owners, spare) {
		return fmt.Errorf("%d members owned maxQuota %d, only %d kept it (%d spare slots)", owners, maxQ, keptMax, spare)
	}
	return nil
}

// checkNoSwaps is Kafka's isSticky check on the result: no two members
// exchange partitions of the same topic (A gives B a partition of T while B
// gives A another partition of T), which would be pointless movement.
// Previous owners are taken from Owned, for partitions the owner still
// subscribes to.
func checkNoSwaps(members []Member, p Plan) error {
	_, subs := checkMembers(members)
	prev := map[TopicPartition]string{}
	for _, m := range members {
		for _, tp := range m.Owned {
			if subs[m.ID][tp.Topic] {
				prev[tp] = m.ID
			}
		}
	}
	type move struct{ topic, from, to string }
	moves := map[move]TopicPartition{}
	for id, list := range p {
		for _, tp := range list {
			if from, ok := prev[tp]; ok && from != id {
				moves[move{tp.Topic, from, id}] = tp
			}
		}
	}
	for mv, tp := range moves {
		if back, ok := moves[move{mv.topic, mv.to, mv.from}]; ok {
			return fmt.Errorf("%q and %q swap %v and %v", mv.from, mv.to, tp, back)
		}
	}
	return nil
}

// scenario is a random group: members with random ids (so Java's HashMap
// order is effectively random too) and random topics.
type scenario struct {
	members    []Member
	partitions map[string]int32
}

func (s scenario) String() string {
	return fmt.Sprintf("partitions=%v members=%+v", s.partitions, s.members)
}

// randomScenario draws a group. uniform makes every member subscribe to the
// same topics (the constrained sticky path).
func randomScenario(r *rand.Rand, uniform bool) scenario {
	s := scenario{partitions: map[string]int32{}}
	numTopics := 1 + r.IntN(5)
	var topics []string
	for i := range numTopics {
		name := fmt.Sprintf("topic%c", 'a'+i)
		topics = append(topics, name)
		s.partitions[name] = int32(r.IntN(9)) // 0 means the topic has no partitions
	}
	if r.IntN(3) == 0 {
		s.partitions["unsubscribed"] = 3
	}
	pick := func() []string {
		var sub []string
		for _, t := range topics {
			if r.IntN(2) == 0 {
				sub = append(sub, t)
			}
		}
		if len(sub) == 0 {
			sub = []string{topics[r.IntN(len(topics))]}
		}
		if r.IntN(5) == 0 {
			sub = append(sub, "missing") // subscribed but does not exist
		}
		r.Shuffle(len(sub), func(i, j int) { sub[i], sub[j] = sub[j], sub[i] })
		return sub
	}
	shared := pick()
	numMembers := 1 + r.IntN(8)
	for i := range numMembers {
		id := fmt.Sprintf("consumer-%d-%08x", i, r.Uint32())
		sub := shared
		if !uniform {
			sub = pick()
		}
		m := dyn(id, slices.Clone(sub)...)
		if r.IntN(4) == 0 {
			m.InstanceID = fmt.Sprintf("instance-%x-%d", r.Uint32()%64, i)
		}
		s.members = append(s.members, m)
	}
	return s
}

func shuffled(r *rand.Rand, members []Member) []Member {
	out := slices.Clone(members)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

const propertyRuns = 400

func TestPropertyRange(t *testing.T) {
	t.Parallel()
	for seed := range uint64(propertyRuns) {
		r := rand.New(rand.NewPCG(seed, 1))
		s := randomScenario(r, r.IntN(2) == 0)
		p := Range(s.members, s.partitions)
		require.NoError(t, checkValid(s.members, s.partitions, p, nil), "seed %d %v", seed, s)
		// Balanced per topic: among a topic's subscribers, counts of that
		// topic's partitions differ by at most one.
		for topic := range s.partitions {
			lo, hi := -1, 0
			for _, m := range s.members {
				if !slices.Contains(m.Topics, topic) {
					continue
				}
				n := 0
				for _, tp := range p[m.ID] {
					if tp.Topic == topic {
						n++
					}
				}
				if lo < 0 || n < lo {
					lo = n
				}
				hi = max(hi, n)
			}
			require.LessOrEqual(t, hi-max(lo, 0), 1, "seed %d topic %s", seed, topic)
		}
		// The members are sorted first, so their order does not matter.
		require.Equal(t, p, Range(shuffled(r, s.members), s.partitions), "seed %d", seed)
	}
}

func TestPropertyRoundRobin(t *testing.T) {
	t.Parallel()
	for seed := range uint64(propertyRuns) {
		r := rand.New(rand.NewPCG(seed, 2))
		uniform := r.IntN(2) == 0
		s := randomScenario(r, uniform)
		p := RoundRobin(s.members, s.partitions)
		require.NoError(t, checkValid(s.members, s.partitions, p, nil), "seed %d %v", seed, s)
		if uniform {
			require.LessOrEqual(t, countSpread(p), 1, "seed %d %v\n%s", seed, s, p)
		}
		require.Equal(t, p, RoundRobin(shuffled(r, s.members), s.partitions), "seed %d", seed)
	}
}

// A fresh group (nobody owns anything): Sticky is valid and balanced, and
// deterministic for the same input order; CooperativeSticky withholds
// nothing and gives the same plan.
func TestPropertyStickyFresh(t *testing.T) {
	t.Parallel()
	for seed := range uint64(propertyRuns) {
		r := rand.New(rand.NewPCG(seed, 3))
		uniform := r.IntN(2) == 0
		s := randomScenario(r, uniform)
		p := Sticky(s.members, s.partitions)
		require.NoError(t, checkValid(s.members, s.partitions, p, nil), "seed %d %v", seed, s)
		require.NoError(t, checkBalanced(s.members, p), "seed %d %v\n%s", seed, s, p)
		if uniform {
			require.LessOrEqual(t, countSpread(p), 1, "seed %d", seed)
		}
		require.Equal(t, p, Sticky(s.members, s.partitions), "seed %d: not deterministic", seed)
		coop, withheld := CooperativeSticky(s.members, s.partitions)
		require.Empty(t, withheld, "seed %d", seed)
		require.Equal(t, p, coop, "seed %d", seed)
		// Another input order may change Java's HashMap order (only for
		// colliding ids), but never validity or balance.
		other := Sticky(shuffled(r, s.members), s.partitions)
		require.NoError(t, checkValid(s.members, s.partitions, other, nil), "seed %d", seed)
		require.NoError(t, checkBalanced(s.members, other), "seed %d", seed)
	}
}

// change is one membership change between two rebalances.
type change int

const (
	memberLeaves change = iota
	memberJoins
	subscriptionChanges
)

func (c change) String() string {
	return [...]string{"member leaves", "member joins", "subscription changes"}[c]
}

// nextGeneration applies c to a group whose members own what prev gave
// them, the way the next JoinGroup round would report it.
func nextGeneration(r *rand.Rand, s scenario, prev Plan, c change, uniform bool) []Member {
	members := withOwned(s.members, prev, 1)
	switch c {
	case memberLeaves:
		if len(members) > 1 {
			i := r.IntN(len(members))
			members = slices.Delete(members, i, i+1)
		}
	case memberJoins:
		topics := members[0].Topics
		if !uniform {
			topics = randomScenario(r, false).members[0].Topics
		}
		members = append(members, dyn(fmt.Sprintf("joiner-%08x", r.Uint32()), topics...))
		members = shuffled(r, members) // the coordinator's order is arbitrary
	case subscriptionChanges:
		i := r.IntN(len(members))
		members[i].Topics = append(slices.Clone(members[i].Topics), "topica")
	}
	return members
}

// After one member leaves or joins, Sticky keeps partitions in place as far
// as the quotas allow (constrained path) or never swaps partitions of a
// topic between two members (general path), and stays valid and balanced.
// CooperativeSticky never assigns a partition in the round another live
// member revokes it, and settles to a valid, balanced plan.
func TestPropertyStickyRebalance(t *testing.T) {
	t.Parallel()
	for seed := range uint64(propertyRuns) {
		r := rand.New(rand.NewPCG(seed, 4))
		uniform := r.IntN(2) == 0
		s := randomScenario(r, uniform)
		prev := Sticky(s.members, s.partitions)
		for _, c := range []change{memberLeaves, memberJoins, subscriptionChanges} {
			members := nextGeneration(r, s, prev, c, uniform)
			ctx := fmt.Sprintf("seed %d, %v, %v", seed, c, s)

			p := Sticky(members, s.partitions)
			require.NoError(t, checkValid(members, s.partitions, p, nil), "%s\n%s", ctx, p)
			require.NoError(t, checkBalanced(members, p), "%s\n%s", ctx, p)
			require.NoError(t, checkNoSwaps(members, p), "%s\n%s", ctx, p)
			st := newStickyState(members, s.partitions)
			if st.allEqual {
				require.LessOrEqual(t, countSpread(p), 1, ctx)
				require.NoError(t, checkQuotaSticky(members, s.partitions, p), "%s\n%s", ctx, p)
			}
			require.Equal(t, p, Sticky(members, s.partitions), "%s: not deterministic", ctx)

			first, withheld := CooperativeSticky(members, s.partitions)
			require.NoError(t, checkValid(members, s.partitions, first, withheld), "%s\n%s", ctx, first)
			_, _, last, final := cooperativeSettle(t, members, s.partitions, 2)
			require.NoError(t, checkValid(last, s.partitions, final, nil), ctx)
			require.NoError(t, checkBalanced(last, final), ctx)
		}
	}
}

// Kafka's testReassignmentWithRandomSubscriptionsAndChanges at a smaller
// number of rounds: 20–39 members over 10–19 topics (topic i has i+1
// partitions) with random subscriptions, then everyone changes subscription
// while reporting what it owns. Large groups are where the general path's
// balancing loop makes many moves, and must still avoid swaps.
func TestPropertyStickyLargeGroups(t *testing.T) {
	t.Parallel()
	rounds := 30
	if testing.Short() {
		rounds = 5
	}
	for seed := range uint64(rounds) {
		r := rand.New(rand.NewPCG(seed, 9))
		s := scenario{partitions: map[string]int32{}}
		var topics []string
		for i := range 10 + r.IntN(10) {
			name := fmt.Sprintf("t%02d", i)
			topics = append(topics, name)
			s.partitions[name] = int32(i + 1)
		}
		sublist := func() []string {
			sub := slices.Clone(topics)
			for range r.IntN(len(topics)) {
				i := r.IntN(len(sub))
				sub = slices.Delete(sub, i, i+1)
			}
			return sub
		}
		for i := range 20 + r.IntN(20) {
			s.members = append(s.members, dyn(fmt.Sprintf("c%02d", i), sublist()...))
		}
		ctx := fmt.Sprintf("seed %d", seed)
		p := Sticky(s.members, s.partitions)
		require.NoError(t, checkValid(s.members, s.partitions, p, nil), ctx)
		require.NoError(t, checkBalanced(s.members, p), ctx)

		members := withOwned(s.members, p, 1)
		for i := range members {
			members[i].Topics = sublist()
		}
		next := Sticky(members, s.partitions)
		require.NoError(t, checkValid(members, s.partitions, next, nil), ctx)
		require.NoError(t, checkBalanced(members, next), ctx)
		require.NoError(t, checkNoSwaps(members, next), ctx)

		_, _, last, final := cooperativeSettle(t, members, s.partitions, 2)
		require.NoError(t, checkValid(last, s.partitions, final, nil), ctx)
		require.NoError(t, checkBalanced(last, final), ctx)
	}
}

// Members that report partitions from older generations, or claim the same
// partition: the highest generation wins, equal generations both lose it,
// and the result is still valid and balanced (Kafka's
// testSubscriptionNotEqualAndAssignSamePartitionWith3Generation checks
// every order of three generations).
func TestPropertyStickyGenerations(t *testing.T) {
	t.Parallel()
	partitions := map[string]int32{"topic": 6, "topic1": 1}
	for _, gens := range [][3]int32{{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}} {
		members := []Member{
			owns(dyn("consumer1", "topic"), gens[0], "topic-0 topic-2"),
			owns(dyn("consumer2", "topic"), gens[1], "topic-1 topic-2 topic-3"),
			owns(dyn("consumer3", "topic"), gens[2], "topic-2 topic-4 topic-5"),
			owns(dyn("consumer4", "topic1"), 2, "topic1-0"),
		}
		p := Sticky(members, partitions)
		requireValid(t, members, partitions, p)
		for id, list := range p {
			require.True(t, len(list) >= 1 && len(list) <= 2, "%v %s: %v", gens, id, list)
		}
	}
	for seed := range uint64(propertyRuns) {
		r := rand.New(rand.NewPCG(seed, 10))
		uniform := r.IntN(2) == 0
		s := randomScenario(r, uniform)
		all := assignable(s.members, s.partitions)
		members := slices.Clone(s.members)
		for i := range members {
			members[i].Generation = int32(r.IntN(4)) - 1
			for _, tp := range all {
				if r.IntN(len(members)+1) == 0 {
					members[i].Owned = append(members[i].Owned, tp)
				}
			}
		}
		ctx := fmt.Sprintf("seed %d %+v", seed, members)
		p := Sticky(members, s.partitions)
		require.NoError(t, checkValid(members, s.partitions, p, nil), ctx)
		require.NoError(t, checkBalanced(members, p), "%s\n%s", ctx, p)
		first, withheld := CooperativeSticky(members, s.partitions)
		require.NoError(t, checkValid(members, s.partitions, first, withheld), ctx)
		_, _, last, final := cooperativeSettle(t, members, s.partitions, 4)
		require.NoError(t, checkValid(last, s.partitions, final, nil), ctx)
		require.NoError(t, checkBalanced(last, final), ctx)
	}
}

// ByName knows Kafka's four protocol names and nothing else.
func TestByName(t *testing.T) {
	t.Parallel()
	members := []Member{dyn("C0", "t0", "t1"), dyn("C1", "t0", "t1")}
	partitions := map[string]int32{"t0": 3, "t1": 3}
	for name, want := range map[string]Plan{
		"range":              Range(members, partitions),
		"roundrobin":         RoundRobin(members, partitions),
		"sticky":             Sticky(members, partitions),
		"cooperative-sticky": Sticky(members, partitions),
	} {
		f, ok := ByName(name)
		require.True(t, ok, name)
		require.Equal(t, want, f(members, partitions), name)
	}
	for _, name := range []string{"", "Range", "uniform", "org.apache.kafka.clients.consumer.RangeAssignor"} {
		_, ok := ByName(name)
		require.False(t, ok, name)
	}
}

func TestPlanString(t *testing.T) {
	t.Parallel()
	p := Plan{
		"C1": tps("t0-2 t1-2"),
		"C0": tps("t0-0 t0-1 t1-0 t1-1"),
		"C2": {},
	}
	require.Equal(t, "C0: [t0-0 t0-1 t1-0 t1-1]\nC1: [t0-2 t1-2]\nC2: []\n", p.String())
	require.Equal(t, "", Plan{}.String())
}

// Duplicate member ids keep the first entry, duplicate topics count once,
// and no assignor panics on an empty group.
func TestInputNormalisation(t *testing.T) {
	t.Parallel()
	members := []Member{dyn("a", "t", "t"), dyn("b", "t"), dyn("a", "u")}
	partitions := map[string]int32{"t": 4, "u": 2}
	for name, f := range map[string]func([]Member, map[string]int32) Plan{
		"range": Range, "roundrobin": RoundRobin, "sticky": Sticky,
	} {
		p := f(members, partitions)
		requireValid(t, members, partitions, p)
		require.Len(t, p["a"], 2, name)
		require.Len(t, p["b"], 2, name)
		require.Empty(t, f(nil, partitions), name)
	}
	p, withheld := CooperativeSticky(nil, nil)
	require.Empty(t, p)
	require.Empty(t, withheld)
}
