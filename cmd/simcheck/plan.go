package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// plan is everything one seed runs: the cluster, the topics with their durability settings, and
// the statements of the safety phase (setup, workload and faults) in the command language. It
// is drawn from the seed alone, before anything runs, so the same seed always gives the same
// script, and a failure can be printed as a kafkasim script and shrunk statement by statement.
type plan struct {
	Seed        uint64
	Brokers     int
	Controllers int
	Topics      []topicProfile
	Stmts       []stmt
}

// stmt is one statement of the script. Fault marks the statements that inject a fault (a kill,
// a stop, an isolation, a slow broker, a crashed or stuck consumer), which the summary counts;
// repairs are not faults.
type stmt struct {
	Line  string
	Input []string // records for a console producer; the generator uses none today
	Fault bool
}

// topicProfile is one topic and the settings that decide whether Kafka promises not to lose
// its acknowledged records. Every producer of the topic writes with Acks, so a loss on the
// topic is classified by exactly one configuration.
type topicProfile struct {
	Name       string
	Partitions int
	RF         int
	MinISR     int
	Acks       string // 0, 1 or all
	Unclean    bool
	Compact    bool
}

// lossClass is a durability configuration, the key of the loss table.
type lossClass struct {
	Acks    string
	MinISR  int // effective: min(min.insync.replicas, replication factor)
	Unclean bool
}

func (t topicProfile) class() lossClass {
	return lossClass{Acks: t.Acks, MinISR: min(t.MinISR, t.RF), Unclean: t.Unclean}
}

// safe is the configuration under which Kafka promises that no acknowledged record is lost:
// acks=all, min.insync.replicas >= 2 and unclean leader election off. Losses there are
// violations; everywhere else they are expected, and counted.
func (c lossClass) safe() bool { return c.Acks == "all" && c.MinISR >= 2 && !c.Unclean }

func (c lossClass) String() string {
	u := "off"
	if c.Unclean {
		u = "on"
	}
	return fmt.Sprintf("acks=%s min.insync.replicas=%d unclean=%s", c.Acks, c.MinISR, u)
}

// Group consumers use short timeouts so that a crashed or stuck member is noticed, and the
// group settles, within the liveness bound rather than after Kafka's 45 s and 5 min defaults.
const consumerTimeouts = "--consumer-property session.timeout.ms=10000 --consumer-property heartbeat.interval.ms=3000 --consumer-property max.poll.interval.ms=30000"

// assignors are the partition.assignment.strategy values a group may use.
var assignors = []string{"range", "roundrobin", "sticky", "cooperative-sticky", "range,cooperative-sticky"}

// generator draws a plan. Its randomness is its own PCG stream seeded from the seed, never the
// engine's, so that choosing the script does not disturb the simulation it drives.
type generator struct {
	rng        *rand.Rand
	p          plan
	state      *faultState
	groups     []groupPlan
	partitions []int // each topic's partition count now (--alter adds some)
	nextCon    int
	nextVal    int
}

type groupPlan struct {
	id         string
	topics     string
	strategy   string
	autoCommit bool
}

// generate draws the plan for one seed. safetyTicks is how long the safety phase runs, in
// ticks: the generator adds steps until their tick statements add up to it.
func generate(seed uint64, safetyTicks int64) plan {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x73696d636865636b))} // "simcheck"
	g.p = plan{Seed: seed, Brokers: 3 + g.rng.IntN(5), Controllers: []int{1, 3, 3, 5}[g.rng.IntN(4)]}
	g.state = newFaultState(g.p.Brokers, g.p.Controllers)
	g.topics()
	g.clients()
	for elapsed := int64(0); elapsed < safetyTicks; {
		g.step()
		d := min(int64(5+g.rng.IntN(76)), safetyTicks-elapsed) // 0.5 s to 8 s at 100 ms a tick
		g.add(fmt.Sprintf("tick %d", d), false)
		elapsed += d
	}
	return g.p
}

func (g *generator) add(line string, fault bool) {
	g.p.Stmts = append(g.p.Stmts, stmt{Line: line, Fault: fault})
	g.state.apply(line)
}

func (g *generator) chance(percent int) bool { return g.rng.IntN(100) < percent }

const bootstrap = "--bootstrap-server localhost:9092"

// topics creates one to three topics. Durability settings are spread so that the safe
// configuration is common (it is the one that must never lose) and every unsafe one shows up.
func (g *generator) topics() {
	n := 1 + g.rng.IntN(3)
	for i := 0; i < n; i++ {
		t := topicProfile{Name: fmt.Sprintf("t%d", i), Partitions: 1 + g.rng.IntN(4)}
		t.RF = 2 + g.rng.IntN(min(g.p.Brokers, 4)-1)
		t.MinISR = 1 + g.rng.IntN(min(t.RF, 3))
		switch k := g.rng.IntN(10); {
		case k < 5:
			t.Acks = "all"
		case k < 8:
			t.Acks = "1"
		default:
			t.Acks = "0"
		}
		t.Unclean = g.chance(30)
		t.Compact = g.chance(10)
		line := fmt.Sprintf("kafka-topics %s --create --topic %s --partitions %d --replication-factor %d --config min.insync.replicas=%d",
			bootstrap, t.Name, t.Partitions, t.RF, t.MinISR)
		if t.Unclean {
			line += " --config unclean.leader.election.enable=true"
		}
		if t.Compact {
			line += " --config cleanup.policy=compact --config segment.bytes=300 --config min.cleanable.dirty.ratio=0.01"
		}
		g.p.Topics = append(g.p.Topics, t)
		g.partitions = append(g.partitions, t.Partitions)
		g.add(line, false)
	}
}

// clients adds the producers (one or two a topic, keyed or keyless, at a steady rate) and one
// or two consumer groups with one to three members each.
func (g *generator) clients() {
	np := 0
	for _, t := range g.p.Topics {
		for j := 0; j < 1+g.rng.IntN(2); j++ {
			line := fmt.Sprintf("producer add p%d --topic %s --rate %d --producer-property acks=%s", np, t.Name, 2+g.rng.IntN(15), t.Acks)
			if t.Compact || g.chance(50) {
				line += " --keys " + keys(2+g.rng.IntN(6))
			}
			if g.chance(30) {
				line += fmt.Sprintf(" --producer-property linger.ms=%d", []int{0, 50, 500}[g.rng.IntN(3)])
			}
			if t.Acks == "all" && g.chance(15) {
				line += " --producer-property enable.idempotence=false"
			}
			g.add(line, false)
			np++
		}
	}
	for i := 0; i < 1+g.rng.IntN(2); i++ {
		gp := groupPlan{id: fmt.Sprintf("g%d", i), strategy: assignors[g.rng.IntN(len(assignors))], autoCommit: g.chance(60)}
		var names []string
		for _, t := range g.p.Topics {
			if len(names) == 0 || g.chance(60) {
				names = append(names, t.Name)
			}
		}
		gp.topics = strings.Join(names, ",")
		g.groups = append(g.groups, gp)
		for j := 0; j < 1+g.rng.IntN(3); j++ {
			g.addConsumer(gp)
		}
	}
}

func keys(n int) string {
	ks := make([]string, n)
	for i := range ks {
		ks[i] = fmt.Sprintf("k%d", i)
	}
	return strings.Join(ks, ",")
}

func (g *generator) addConsumer(gp groupPlan) {
	line := fmt.Sprintf("consumer add c%d --group %s --topic %s --consumer-property partition.assignment.strategy=%s --consumer-property auto.offset.reset=earliest %s",
		g.nextCon, gp.id, gp.topics, gp.strategy, consumerTimeouts)
	if !gp.autoCommit {
		line += " --consumer-property enable.auto.commit=false"
	}
	g.nextCon++
	g.add(line, false)
}

// step adds one fault, repair or workload change. When half the brokers or more are down or
// cut off, repairs are favoured, so the cluster spends most of its time degraded but alive.
func (g *generator) step() {
	switch k := g.rng.IntN(100); {
	case k < 45:
		g.brokerStep()
	case k < 52:
		g.controllerStep()
	case k < 67:
		g.consumerStep()
	case k < 88:
		g.workloadStep()
	case k < 92:
		g.adminStep()
	}
}

// adminStep is an operator's action: a preferred leader election, more partitions for a topic
// (producers and groups must follow), or a new broker.
func (g *generator) adminStep() {
	switch k := g.rng.IntN(10); {
	case k < 5:
		g.add("kafka-leader-election "+bootstrap+" --election-type preferred --all-topic-partitions", false)
	case k < 9:
		i := g.rng.IntN(len(g.p.Topics))
		if g.partitions[i] < 8 {
			g.partitions[i] += 1 + g.rng.IntN(2)
			g.add(fmt.Sprintf("kafka-topics %s --alter --topic %s --partitions %d", bootstrap, g.p.Topics[i].Name, g.partitions[i]), false)
		}
	default:
		if len(g.state.brokers) < 9 {
			g.add("broker add", false)
		}
	}
}

func (g *generator) brokerStep() {
	id := 1 + g.rng.IntN(g.p.Brokers)
	b := g.state.brokers[id]
	troubled := g.state.troubledBrokers()
	switch {
	case b.down:
		g.add(fmt.Sprintf("broker start %d", id), false)
	case (b.isolated || b.slow) && (g.chance(60) || 2*troubled >= g.p.Brokers):
		g.add(fmt.Sprintf("broker heal %d", id), false)
	case 2*troubled >= g.p.Brokers:
		// Enough trouble: repair someone else instead.
		for _, other := range g.state.brokerIDs() {
			if ob := g.state.brokers[other]; ob.down {
				g.add(fmt.Sprintf("broker start %d", other), false)
				return
			} else if ob.isolated || ob.slow {
				g.add(fmt.Sprintf("broker heal %d", other), false)
				return
			}
		}
	default:
		var actions []string
		if !b.isolated {
			actions = append(actions, "kill", "kill", "stop", "isolate", "isolate")
		}
		if !b.slow {
			actions = append(actions, "slow", "slow")
		}
		if len(actions) == 0 {
			actions = []string{"kill"}
		}
		g.add(fmt.Sprintf("broker %s %d", actions[g.rng.IntN(len(actions))], id), true)
	}
}

func (g *generator) controllerStep() {
	id := 1000 + g.rng.IntN(g.p.Controllers)
	c := g.state.controllers[id]
	switch {
	case c.down:
		g.add(fmt.Sprintf("controller start %d", id), false)
	case c.isolated:
		g.add(fmt.Sprintf("controller heal %d", id), false)
	default:
		g.add(fmt.Sprintf("controller %s %d", []string{"kill", "stop", "isolate"}[g.rng.IntN(3)], id), true)
	}
}

// consumerStep crashes a consumer (and starts a replacement in its group), or makes one stop
// polling, or lets a stuck one poll again.
func (g *generator) consumerStep() {
	live := g.state.liveConsumers()
	if len(live) == 0 {
		g.addConsumer(g.groups[g.rng.IntN(len(g.groups))])
		return
	}
	name := live[g.rng.IntN(len(live))]
	switch {
	case g.state.consumers[name].slow:
		g.add("consumer resume "+name, false)
	case g.chance(50):
		gp := g.groupOf(name)
		g.add("consumer kill "+name, true)
		g.addConsumer(gp)
	case g.chance(50):
		g.add("consumer slow "+name, true)
	default:
		g.add("consumer stop "+name, false)
		g.addConsumer(g.groupOf(name))
	}
}

func (g *generator) groupOf(consumer string) groupPlan {
	id := g.state.consumers[consumer].group
	for _, gp := range g.groups {
		if gp.id == id {
			return gp
		}
	}
	return g.groups[0]
}

// workloadStep sends a burst of records, changes a producer's rate, or commits.
func (g *generator) workloadStep() {
	switch k := g.rng.IntN(10); {
	case k < 5:
		p := g.rng.IntN(g.state.producers)
		line := fmt.Sprintf("producer send p%d", p)
		if g.chance(50) || g.state.producerKeys[p] != "" {
			line += fmt.Sprintf(" --key k%d", g.rng.IntN(8))
		}
		for i := 0; i < 1+g.rng.IntN(10); i++ {
			line += fmt.Sprintf(" v%d", g.nextVal)
			g.nextVal++
		}
		g.add(line, false)
	case k < 8:
		p := g.rng.IntN(g.state.producers)
		line := fmt.Sprintf("producer rate p%d %d", p, g.rng.IntN(30))
		if k := g.state.producerKeys[p]; k != "" {
			line += " --keys " + k // without --keys the producer would go on keyless
		}
		g.add(line, false)
	default:
		live := g.state.liveConsumers()
		if len(live) == 0 {
			return
		}
		g.add("consumer commit "+live[g.rng.IntN(len(live))], false)
	}
}

// script renders statements as a kafkasim script.
func script(stmts []stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(s.Line)
		b.WriteByte('\n')
		if len(s.Input) > 0 {
			for _, in := range s.Input {
				b.WriteString(in)
				b.WriteByte('\n')
			}
			b.WriteByte('\n') // an empty line ends a console producer's input
		}
	}
	return b.String()
}
