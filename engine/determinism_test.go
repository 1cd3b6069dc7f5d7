package engine_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// determinismSeeds is how many seeded workloads TestDeterminism runs. Each one is a different
// cluster size and a different mix of faults, so together they reach most of the engine.
const determinismSeeds = 50

// workloadSteps is the number of commands in one workload: enough for faults to pile up
// (a broker killed while another is isolated, a controller lost mid-election) without making
// the test slow.
const workloadSteps = 100

// TestDeterminism is the promise of engine/doc.go: the same seed and the same commands give
// the same events, byte for byte, and the same View. Time travel, replay and shared links all
// rest on it. Each seed drives a random workload through the command language twice, then
// replays the recorded script the way `kafkasim -f` does, and requires all three to agree.
// Every invariant is checked after every tick and command along the way.
func TestDeterminism(t *testing.T) {
	for seed := uint64(1); seed <= determinismSeeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			first := newWorkload(t, seed)
			first.run(workloadSteps)
			second := newWorkload(t, seed)
			second.run(workloadSteps)
			require.Equal(t, first.script.String(), second.script.String(),
				"the workload generator chose different commands: the engine diverged (seed %d)", seed)
			first.requireSame(t, second, "a second run")

			// Replay the recorded script as `kafkasim --keep-going -f` would.
			replay := newWorkload(t, seed)
			var out strings.Builder
			_ = replay.sh.Run(first.script.String(), &out, cli.Options{KeepGoing: true})
			replay.requireNoViolations()
			first.requireSame(t, replay, "a replay of the script")
		})
	}
}

// TestDifferentSeedsDiffer makes sure the comparisons above can fail: the seed feeds the
// topic ids, so two seeds must give two different ids for the same command.
func TestDifferentSeedsDiffer(t *testing.T) {
	ids := map[string]uint64{}
	for seed := uint64(1); seed <= 10; seed++ {
		cfg := engine.DefaultConfig()
		cfg.Seed = seed
		sh, err := cli.New(cfg)
		require.NoError(t, err)
		res := sh.Exec("kafka-topics --bootstrap-server localhost:9092 --create --topic orders --partitions 3", nil)
		require.NoError(t, res.Err)
		tv, ok := sh.Sim().View().Topic("orders")
		require.True(t, ok)
		require.Len(t, tv.TopicID, 22)
		prev, dup := ids[tv.TopicID]
		require.False(t, dup, "seeds %d and %d gave the same topic id %s", prev, seed, tv.TopicID)
		ids[tv.TopicID] = seed
	}
}

// workload drives one Shell with a random but seeded mix of commands in the command language.
// Its randomness is its own (math/rand/v2 seeded per case), never the engine's, so that the
// workload does not disturb what it is testing. It chooses each command from the View, so the
// commands are mostly valid (it kills running brokers, starts dead ones) with some mistakes
// mixed in, and it records every statement as a kafkasim script so that a failure can be
// replayed.
type workload struct {
	t          testing.TB
	seed       uint64
	brokers    int
	rng        *rand.Rand
	sh         *cli.Shell
	script     strings.Builder // the statements so far, in the kafkasim script language
	out        strings.Builder // every command's output and error, in order
	topics     []string
	producers  int // producer and consumer clients added so far (p0, p1, ..., c0, c1, ...)
	consumers  int
	stmts      int
	violations []string
}

func newWorkload(t testing.TB, seed uint64) *workload {
	w := &workload{t: t, seed: seed, rng: rand.New(rand.NewPCG(seed, 0x776f726b6c6f6164))} // "workload"
	cfg := engine.DefaultConfig()
	cfg.Seed = seed
	cfg.Brokers = 3 + w.rng.IntN(3)
	w.brokers = cfg.Brokers
	sh, err := cli.New(cfg)
	require.NoError(t, err)
	w.sh = sh
	w.watch()
	return w
}

// watch checks every invariant after every tick and command of the workload's simulation.
func (w *workload) watch() {
	chk := engine.NewInvariantChecker()
	require.Empty(w.t, chk.Check(w.sh.Sim()))
	w.sh.Sim().SetObserver(func(s *engine.Sim) {
		for _, v := range chk.Check(s) {
			w.violations = append(w.violations, fmt.Sprintf("during statement %d: %s", w.stmts, v))
		}
	})
}

// replayHint is what a failure prints so that it can be reproduced at the terminal.
func (w *workload) replayHint() string {
	return fmt.Sprintf("seed %d; replay with `kafkasim --seed %d --brokers %d --keep-going --echo --events -f script.kafka`, where script.kafka is:\n%s",
		w.seed, w.seed, w.brokers, w.script.String())
}

func (w *workload) requireNoViolations() {
	w.t.Helper()
	if len(w.violations) > 0 {
		w.t.Fatalf("invariant violation(s):\n%s\n%s", strings.Join(w.violations, "\n"), w.replayHint())
	}
}

// exec runs one statement, records it and fails on an internal error or a broken invariant.
func (w *workload) exec(line string, input ...string) cli.Result {
	w.t.Helper()
	w.stmts++
	w.script.WriteString(line + "\n")
	if cli.NeedsInput(line) {
		for _, in := range input {
			w.script.WriteString(in + "\n")
		}
		w.script.WriteString("\n") // an empty line ends a console producer's input
	}
	res := w.sh.Exec(line, input)
	w.out.WriteString(res.Output)
	if res.Err != nil {
		fmt.Fprintf(&w.out, "ERROR %v\n", res.Err)
		if strings.HasPrefix(res.Err.Error(), "internal error") {
			w.t.Fatalf("%v\n%s", res.Err, w.replayHint())
		}
	}
	w.requireNoViolations()
	return res
}

func (w *workload) run(steps int) {
	w.t.Helper()
	for i := 0; i < steps; i++ {
		w.step()
	}
}

func (w *workload) pick(n int) int { return w.rng.IntN(n) }

func (w *workload) chance(percent int) bool { return w.rng.IntN(100) < percent }

func (w *workload) topic() string {
	if len(w.topics) == 0 || w.chance(5) {
		return fmt.Sprintf("auto%d", w.pick(3)) // auto-created by the producer, unknown to the consumer
	}
	return w.topics[w.pick(len(w.topics))]
}

// step chooses and runs one command.
func (w *workload) step() {
	w.t.Helper()
	const bs = "--bootstrap-server localhost:9092"
	v := w.sh.Sim().View()
	requireViewSorted(w.t, v)
	switch k := w.pick(100); {
	case k < 10 || len(w.topics) == 0:
		name := fmt.Sprintf("t%d", len(w.topics))
		line := fmt.Sprintf("kafka-topics %s --create --topic %s --partitions %d --replication-factor %d --config min.insync.replicas=%d",
			bs, name, 1+w.pick(4), 1+w.pick(min(3, len(v.Brokers)+1)), 1+w.pick(3))
		if w.chance(30) {
			line += " --config unclean.leader.election.enable=true"
		}
		switch w.pick(5) {
		case 0: // compaction with small segments, so that the cleaner and tombstones get to work
			line += " --config cleanup.policy=compact --config segment.bytes=200 --config min.cleanable.dirty.ratio=0.01 --config delete.retention.ms=1000"
		case 1: // retention by size and by time, with small segments to delete
			line += fmt.Sprintf(" --config segment.bytes=150 --config retention.bytes=%d --config retention.ms=%d", 200+w.pick(400), 5000+w.pick(60000))
		}
		if res := w.exec(line); res.Err == nil {
			w.topics = append(w.topics, name)
		}
	case k < 32:
		w.produce(bs)
	case k < 40:
		w.consume(bs, v)
	case k < 45:
		w.clients(bs)
	case k < 60:
		w.brokerFault(v)
	case k < 65:
		w.controllerFault(v)
	case k < 78:
		switch {
		case w.chance(5):
			w.exec("tick 300s") // long enough for retention, session timeouts and periodic elections
		case w.chance(30):
			w.exec(fmt.Sprintf("tick %ds", 1+w.pick(15)))
		default:
			w.exec(fmt.Sprintf("tick %d", 1+w.pick(100)))
		}
	case k < 85:
		w.exec("settle --max-ms 30000")
	case k < 92:
		if w.chance(50) {
			w.exec("kafka-leader-election " + bs + " --election-type preferred --all-topic-partitions")
		} else {
			w.exec(fmt.Sprintf("kafka-leader-election %s --election-type unclean --topic %s --partition %d", bs, w.topic(), w.pick(3)))
		}
	case k < 95:
		w.exec([]string{"state", "kafka-topics " + bs + " --describe", "kafka-get-offsets " + bs + " --topic " + w.topic(),
			"events --last 3", "kafka-metadata-quorum " + bs + " describe --status", "check",
			"kafka-consumer-groups " + bs + " --describe --all-groups", "kafka-consumer-groups " + bs + " --list",
			fmt.Sprintf("segments %s %d", w.topic(), w.pick(2))}[w.pick(9)])
	default:
		t := w.topic()
		w.exec([]string{
			fmt.Sprintf("kafka-topics %s --alter --topic %s --partitions %d", bs, t, 2+w.pick(4)),
			fmt.Sprintf("kafka-configs %s --entity-type topics --entity-name %s --alter --add-config unclean.leader.election.enable=%v", bs, t, w.chance(50)),
			fmt.Sprintf("kafka-configs %s --entity-type topics --entity-name %s --alter --add-config min.insync.replicas=%d", bs, t, 1+w.pick(3)),
			fmt.Sprintf("kafka-topics %s --delete --topic %s", bs, t),
		}[w.pick(4)])
	}
}

func (w *workload) produce(bs string) {
	w.t.Helper()
	line := fmt.Sprintf("kafka-console-producer %s --topic %s --producer-property acks=%s --producer-property delivery.timeout.ms=%d",
		bs, w.topic(), []string{"0", "1", "all"}[w.pick(3)], []int{2000, 5000, 15000}[w.pick(3)])
	keyed := w.chance(60)
	if keyed {
		line += " --property parse.key=true --property key.separator=: --property null.marker=NULL"
	}
	if w.chance(10) {
		line += " --producer-property enable.idempotence=false"
	}
	input := make([]string, 1+w.pick(15))
	for i := range input {
		input[i] = fmt.Sprintf("v%d.%d", w.stmts+1, i)
		if keyed {
			if w.chance(10) {
				input[i] = "NULL" // a tombstone
			}
			input[i] = fmt.Sprintf("k%d:%s", w.pick(5), input[i])
		}
	}
	w.exec(line, input...)
}

func (w *workload) consume(bs string, v engine.View) {
	w.t.Helper()
	t := w.topic()
	line := fmt.Sprintf("kafka-console-consumer %s --topic %s", bs, t)
	switch w.pick(3) {
	case 0:
		line += " --from-beginning"
	case 1:
		p := 0
		if tv, ok := v.Topic(t); ok {
			p = w.pick(len(tv.Partitions) + 1) // sometimes one too many
		}
		line += fmt.Sprintf(" --partition %d --offset %s", p, []string{"earliest", "latest", "0", "2"}[w.pick(4)])
	default:
		line += fmt.Sprintf(" --from-beginning --max-messages %d --timeout-ms %d", 1+w.pick(10), 500*(1+w.pick(6)))
	}
	if w.chance(50) {
		line += " --property print.key=true --property print.partition=true --property print.offset=true"
	}
	w.exec(line)
}

// clients runs the long-lived producers and group consumers: they keep working on every tick,
// so faults hit them mid-flight, and they bring in the group coordinator and __consumer_offsets.
func (w *workload) clients(bs string) {
	w.t.Helper()
	p := fmt.Sprintf("p%d", w.pick(max(1, w.producers)))
	c := fmt.Sprintf("c%d", w.pick(max(1, w.consumers)))
	switch k := w.pick(10); {
	case k < 2 && w.producers < 3: // a few slow producers: the invariants are checked against every record, every tick
		w.exec(fmt.Sprintf("producer add p%d --topic %s --rate %d --keys a,b,c,d --producer-property acks=%s",
			w.producers, w.topic(), 1+w.pick(5), []string{"1", "all"}[w.pick(2)]))
		w.producers++
	case k < 3:
		w.exec([]string{"producer rate " + p + " 0", "producer rate " + p + " 5", "producer stop " + p, "producer kill " + p}[w.pick(4)])
	case k < 5:
		line := fmt.Sprintf("consumer add c%d --group g%d --topic %s --consumer-property auto.offset.reset=earliest", w.consumers, w.pick(2), w.topic())
		if w.chance(30) {
			line += " --consumer-property partition.assignment.strategy=cooperative-sticky"
		}
		w.exec(line)
		w.consumers++
	case k < 8:
		w.exec("consumer " + []string{"kill", "stop", "slow", "resume", "commit", "poll"}[w.pick(6)] + " " + c)
	default:
		w.exec(fmt.Sprintf("kafka-consumer-groups %s --describe --group g%d --members", bs, w.pick(2)))
	}
}

// brokerFault mostly picks an action that fits the broker's state, and sometimes one that
// does not, to exercise the error paths.
func (w *workload) brokerFault(v engine.View) {
	w.t.Helper()
	b := v.Brokers[w.pick(len(v.Brokers))]
	var action string
	switch {
	case w.chance(15):
		action = []string{"kill", "stop", "start", "isolate", "heal", "slow"}[w.pick(6)]
	case b.Status != engine.BrokerRunning:
		action = "start"
	case b.Isolated || b.Slow:
		action = []string{"heal", "heal", "kill"}[w.pick(3)]
	default:
		action = []string{"kill", "stop", "isolate", "slow"}[w.pick(4)]
	}
	w.exec(fmt.Sprintf("broker %s %d", action, b.ID))
}

func (w *workload) controllerFault(v engine.View) {
	w.t.Helper()
	c := v.Controllers[w.pick(len(v.Controllers))]
	var action string
	switch {
	case w.chance(15):
		action = []string{"kill", "stop", "start", "isolate", "heal"}[w.pick(5)]
	case c.Status != engine.BrokerRunning:
		action = "start"
	case c.Isolated:
		action = "heal"
	default:
		action = []string{"kill", "stop", "isolate"}[w.pick(3)]
	}
	w.exec(fmt.Sprintf("controller %s %d", action, c.ID))
}

// snapshot is everything a run can be compared by: every event in its stable text form, the
// View as JSON and the commands' output.
type snapshot struct {
	events string
	view   string
	output string
}

func takeSnapshot(t testing.TB, sim *engine.Sim, output string) snapshot {
	t.Helper()
	var ev strings.Builder
	for _, e := range sim.Events() {
		fmt.Fprintf(&ev, "%d %d %s %d %s-%d %v %s %s\n", e.Seq, e.Tick, e.Kind, e.Broker, e.Topic, e.Partition, e.Offsets, e.Client, engine.DescribeEvent(e))
	}
	view, err := json.Marshal(sim.View())
	require.NoError(t, err)
	return snapshot{events: ev.String(), view: string(view), output: output}
}

func (w *workload) snapshot() snapshot { return takeSnapshot(w.t, w.sh.Sim(), w.out.String()) }

// requireSame compares two runs. Output is only compared when both came through exec.
func (w *workload) requireSame(t testing.TB, other *workload, what string) {
	t.Helper()
	a, b := w.snapshot(), other.snapshot()
	if other.out.Len() == 0 {
		b.output = a.output
	}
	requireSameText(t, a.events, b.events, "events of "+what+" differ; "+w.replayHint())
	requireSameText(t, a.view, b.view, "View JSON of "+what+" differs; "+w.replayHint())
	requireSameText(t, a.output, b.output, "command output of "+what+" differs; "+w.replayHint())
}

// requireSameText fails with the first line (or, for one-line JSON, the first bytes) where two
// long texts differ, rather than a diff of megabytes.
func requireSameText(t testing.TB, want, got, msg string) {
	t.Helper()
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a == b {
			continue
		}
		j := 0
		for j < min(len(a), len(b)) && a[j] == b[j] {
			j++
		}
		from := max(0, j-200)
		t.Fatalf("%s\nfirst difference at line %d, byte %d:\nwant …%s\ngot  …%s", msg, i+1, j,
			a[from:min(len(a), j+200)], b[from:min(len(b), j+200)])
	}
	t.Fatalf("%s (they differ in a way the line comparison missed)", msg)
}

// TestRequireSameTextFails keeps requireSameText honest: the determinism and clone tests are
// only as strong as the comparison they rest on.
func TestRequireSameTextFails(t *testing.T) {
	ft := &fakeT{TB: t}
	func() {
		defer func() { _ = recover() }()
		requireSameText(ft, "a\nb\nc", "a\nb\nd", "differs")
	}()
	require.True(t, ft.failed)
	require.Contains(t, ft.msg, "line 3")
	ft = &fakeT{TB: t}
	requireSameText(ft, "same", "same", "differs")
	require.False(t, ft.failed)
}

// fakeT records a failure instead of ending the test.
type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper() {}

func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	panic("fatal")
}
