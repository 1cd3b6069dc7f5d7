package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{name: "broker", summary: "stop, kill, start, isolate, heal, slow or add a broker",
		usage: `broker stop ID      controlled shutdown: leadership moves away first
broker kill ID      crash (kill -9): the controller notices after broker.session.timeout.ms
broker start ID     restart: recover the log, rejoin, catch up, truncate where it diverged
broker isolate ID   cut it off from the controller and the other brokers (clients still reach it)
broker heal ID      undo isolate and slow
broker slow ID      make it a lagging follower (slow fetches, few records each)
broker add          add a new empty broker`, run: runBroker})
	register(&command{name: "controller", summary: "stop, kill, start, isolate or heal a KRaft controller",
		usage: "controller stop|kill|start|isolate|heal ID   (ids are listed by `state`; 1000 and up)", run: runController})
	register(&command{name: "tick", summary: "advance simulated time",
		usage: "tick [N | Nms | Ns]   advance N ticks (default 1) or a duration; one tick is 100 ms", run: runTick})
	register(&command{name: "settle", summary: "run until the cluster is quiet",
		usage: "settle [--max-ms MS]   advance time until nothing is left to happen (default limit 300000 ms)", run: runSettle})
	register(&command{name: "seed", summary: "show the seed, or start over with a new one",
		usage: "seed        print the seed\nseed N      start a fresh cluster (same size) with seed N", run: runSeed})
	register(&command{name: "reset", summary: "start a fresh cluster",
		usage: "reset [--brokers N] [--controllers 1|3|5] [--seed N]", run: runReset})
	register(&command{name: "state", summary: "show the whole cluster",
		usage: "state             one line per partition (leader, epoch, ISR, HW, each replica's LEO/HW) and per group\nstate --internal  also the partitions of __consumer_offsets\nstate --json      the whole view as JSON (schema: docs/state-json.md)", run: runState})
	register(&command{name: "events", summary: "show the event log",
		usage: "events [--last N] [--kind KIND] [--since SEQ]", run: runEvents})
	register(&command{name: "check", summary: "check the engine's invariants now",
		usage: "check   runs every invariant once and reports violations (there should be none)", run: runCheck})
	register(&command{name: "help", summary: "list commands, or show one command's usage",
		usage: "help [COMMAND]", run: runHelp})
}

func brokerID(s string) (int32, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%q is not a broker id", s)
	}
	return int32(n), nil
}

func runBroker(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	if len(args) == 1 && args[0] == "add" {
		id, err := sh.sim.AddBroker()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Added broker %d.\n", id)
		return nil
	}
	if len(args) != 2 {
		return errors.New("usage: broker stop|kill|start|isolate|heal|slow ID, or broker add")
	}
	id, err := brokerID(args[1])
	if err != nil {
		return err
	}
	actions := map[string]func(int32) error{"stop": sh.sim.StopBroker, "kill": sh.sim.KillBroker, "start": sh.sim.StartBroker,
		"isolate": sh.sim.IsolateBroker, "heal": sh.sim.HealBroker, "slow": sh.sim.SlowBroker}
	act, ok := actions[args[0]]
	if !ok {
		return fmt.Errorf("unknown broker action %q (stop, kill, start, isolate, heal, slow, add)", args[0])
	}
	return act(id)
}

func runController(sh *Shell, args []string, _ []string, _ *strings.Builder) error {
	if len(args) != 2 {
		return errors.New("usage: controller stop|kill|start|isolate|heal ID")
	}
	id, err := brokerID(args[1])
	if err != nil {
		return err
	}
	return sh.sim.ControllerCommand(args[0], id)
}

// parseDuration reads N (ticks), Nms or Ns into ticks.
func parseDuration(cfg engine.Config, s string) (int64, error) {
	mult, num := int64(0), s
	switch {
	case strings.HasSuffix(s, "ms"):
		mult, num = 1, strings.TrimSuffix(s, "ms")
	case strings.HasSuffix(s, "s"):
		mult, num = 1000, strings.TrimSuffix(s, "s")
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a duration: use a number of ticks, or 500ms, or 3s", s)
	}
	const maxTicks = 1_000_000
	// Check a duration against the limit before converting it: n*mult can overflow and wrap
	// round to a short one, which made "tick 9999999999999999s" silently do nothing.
	if mult > 0 && n > maxTicks*cfg.TickMs/mult || mult == 0 && n > maxTicks {
		return 0, fmt.Errorf("%s is too long: at most %d ticks at a time", s, maxTicks)
	}
	if mult > 0 {
		n = cfg.MsToTicks(n * mult)
	}
	return n, nil
}

func runTick(sh *Shell, args []string, _ []string, _ *strings.Builder) error {
	n := int64(1)
	if len(args) > 1 {
		return errors.New("usage: tick [N | Nms | Ns]")
	}
	if len(args) == 1 {
		var err error
		if n, err = parseDuration(sh.cfg, args[0]); err != nil {
			return err
		}
	}
	sh.sim.TickN(n)
	return nil
}

func runSettle(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("settle", args, map[string]flagSpec{"max-ms": {value: true}})
	if err != nil {
		return err
	}
	maxMs := int64(300000)
	if f.has("max-ms") {
		if maxMs, err = parseInt("max-ms", f.get("max-ms"), 0); err != nil {
			return err
		}
	}
	// The same limit as tick's: a cluster that never quiets (a producer with a rate) would
	// otherwise keep a huge --max-ms running for hours.
	if _, err := parseDuration(sh.cfg, strconv.FormatInt(maxMs, 10)+"ms"); err != nil {
		return fmt.Errorf("--max-ms %d is too long: at most %d ms at a time", maxMs, sh.cfg.TicksToMs(1_000_000))
	}
	n, ok, why := sh.sim.Settle(sh.cfg.MsToTicks(maxMs))
	if ok {
		fmt.Fprintf(out, "Quiet after %s; the time is now %s.\n", engine.FormatSimTime(sh.cfg.TicksToMs(n)), engine.FormatSimTime(sh.sim.NowMs()))
	} else {
		fmt.Fprintf(out, "Still busy after %s: %s.\n", engine.FormatSimTime(sh.cfg.TicksToMs(n)), why)
	}
	return nil
}

func runSeed(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	switch len(args) {
	case 0:
		fmt.Fprintf(out, "seed %d\n", sh.cfg.Seed)
		return nil
	case 1:
		n, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a seed: use a whole number", args[0])
		}
		cfg := sh.cfg
		cfg.Seed = n
		return sh.restart(cfg, out)
	}
	return errors.New("usage: seed [N]")
}

func runReset(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("reset", args, map[string]flagSpec{"brokers": {value: true}, "controllers": {value: true}, "seed": {value: true}})
	if err != nil {
		return err
	}
	cfg := sh.cfg
	if f.has("brokers") {
		n, err := parseInt("brokers", f.get("brokers"), 1)
		if err != nil {
			return err
		}
		cfg.Brokers = int(n)
	}
	if f.has("controllers") {
		n, err := parseInt("controllers", f.get("controllers"), 1)
		if err != nil {
			return err
		}
		cfg.Controllers = int(n)
	}
	if f.has("seed") {
		n, err := strconv.ParseUint(f.get("seed"), 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a seed: use a whole number", f.get("seed"))
		}
		cfg.Seed = n
	}
	return sh.restart(cfg, out)
}

func (sh *Shell) restart(cfg engine.Config, out *strings.Builder) error {
	sim, err := engine.New(cfg)
	if err != nil {
		return err
	}
	sh.sim, sh.cfg = sim, cfg
	fmt.Fprintf(out, "Started a fresh cluster: %d broker(s), %d controller(s), seed %d.\n", cfg.Brokers, cfg.Controllers, cfg.Seed)
	return nil
}

func runState(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("state", args, map[string]flagSpec{"json": {}, "internal": {}})
	if err != nil {
		return err
	}
	if f.has("json") {
		b, err := json.MarshalIndent(sh.sim.View(), "", "  ")
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteByte('\n')
		return nil
	}
	out.WriteString(engine.DescribeViewWith(sh.sim.View(), f.has("internal")))
	return nil
}

func runEvents(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("events", args, map[string]flagSpec{"last": {value: true}, "kind": {value: true}, "since": {value: true}})
	if err != nil {
		return err
	}
	evs := sh.sim.Events()
	if f.has("since") {
		n, err := parseInt("since", f.get("since"), 0)
		if err != nil {
			return err
		}
		evs = sh.sim.EventsSince(n)
	}
	if f.has("kind") {
		kind := strings.ToLower(f.get("kind"))
		var keep []engine.Event
		for _, e := range evs {
			if strings.ToLower(e.Kind.String()) == kind {
				keep = append(keep, e)
			}
		}
		evs = keep
	}
	if f.has("last") {
		n, err := parseInt("last", f.get("last"), 0)
		if err != nil {
			return err
		}
		if int(n) < len(evs) {
			evs = evs[len(evs)-int(n):]
		}
	}
	for _, e := range evs {
		fmt.Fprintf(out, "%d %s %s\n", e.Seq, e.Kind, engine.DescribeEvent(e))
	}
	return nil
}

func runCheck(sh *Shell, _ []string, _ []string, out *strings.Builder) error {
	vs := engine.NewInvariantChecker().Check(sh.sim)
	if len(vs) == 0 {
		fmt.Fprintf(out, "All %d invariants hold.\n", len(engine.Invariants()))
		return nil
	}
	for _, v := range vs {
		fmt.Fprintln(out, v)
	}
	return fmt.Errorf("%d invariant violation(s): this is a bug in the simulator (seed %d)", len(vs), sh.cfg.Seed)
}

func runHelp(_ *Shell, args []string, _ []string, out *strings.Builder) error {
	if len(args) == 1 {
		if _, ok := commands[toolName(args[0])]; !ok {
			return fmt.Errorf("no such command %q (type help for the list)", args[0])
		}
		out.WriteString((&Shell{}).helpFor(toolName(args[0])))
		return nil
	}
	out.WriteString("Kafka tools (the .sh suffix is optional; --bootstrap-server is accepted and ignored):\n")
	for _, n := range CommandNames() {
		if strings.HasPrefix(n, "kafka-") {
			fmt.Fprintf(out, "  %-24s %s\n", n, commands[n].summary)
		}
	}
	out.WriteString("Simulation:\n")
	for _, n := range CommandNames() {
		if !strings.HasPrefix(n, "kafka-") {
			fmt.Fprintf(out, "  %-24s %s\n", n, commands[n].summary)
		}
	}
	out.WriteString("Type help COMMAND for its options.\n")
	return nil
}

func (*Shell) helpFor(name string) string {
	c := commands[name]
	return fmt.Sprintf("%s: %s\n\n%s\n", c.name, c.summary, c.usage)
}
