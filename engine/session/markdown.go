package session

import (
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// ExportMarkdown replays a session (to its position, or to the end) and writes a report of it
// for homework or slides: the setup, the lesson, the commands with their times, every event,
// and the final state. Events are in the engine's one textual form (engine.DescribeEvent), so
// the report says exactly what the event log said. Text that came from the learner (commands,
// records, topic and group names) is in code spans or escaped, so it is shown, never
// interpreted as Markdown. A command that fails on replay is an error, as with Replay.
func ExportMarkdown(f File) (string, error) {
	if err := f.Validate(); err != nil {
		return "", err
	}
	run, err := playTo(f)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("# Kafka playground session\n\n")
	b.WriteString("A run of the Kafka playground's simulated cluster. The simulation is deterministic: the same\n")
	b.WriteString("setup and commands give these events again, byte for byte.\n\n")
	writeSetup(&b, f, run)
	writeLesson(&b, f.Lesson)
	writeCommands(&b, run.played, f.Setup.Config().TickMs)
	writeEvents(&b, run.events)
	writeFinalState(&b, run.sh.Sim().View())
	return b.String(), nil
}

// played is one command of a replay, as the report tells it.
type played struct {
	Command
	ticks int64 // a clock entry's ticks, cut at the position
	err   error // why a command that failed when it was recorded fails
}

// replayed is a session replayed up to its position.
type replayed struct {
	sh     *cli.Shell
	played []played
	events []engine.Event
	step   int64 // the position
	total  int64 // the last step
}

// playTo replays a session to its position, keeping each command and every event. It does
// what Replay does, and also cuts the clock at the position, collects the events across a
// `reset` (which starts a new simulation and a new event numbering), and asks each failed
// command, on a copy, why it fails.
func playTo(f File) (*replayed, error) {
	sh, err := Replay(f.Setup, nil)
	if err != nil {
		return nil, err
	}
	r := &replayed{sh: sh, total: StepCount(f.Commands)}
	r.step, r.events = r.total, sh.Sim().Events()
	cut := f.Position != nil && *f.Position < r.total
	if cut {
		r.step = *f.Position
	}
	var at int64
	for i, c := range f.Commands {
		if cut && at >= r.step {
			break
		}
		p := played{Command: c}
		if c.Failed {
			p.err = cli.FromSim(sh.Sim().Clone()).Exec(c.Line, c.Input).Err
			r.played = append(r.played, p)
			continue
		}
		line := c.Line
		if c.Source == SourceClock {
			n, _ := ClockTicks(c.Line) // Validate made sure it reads
			p.ticks = min(n, r.step-at)
			line = ClockLine(p.ticks)
		}
		sim, seq := sh.Sim(), int64(len(sh.Sim().Events()))
		if res := sh.Exec(line, c.Input); res.Err != nil {
			return nil, fmt.Errorf("command %d (%s): %w", i+1, c.Line, res.Err)
		}
		if sh.Sim() != sim {
			r.events = append(r.events, sh.Sim().Events()...)
		} else {
			r.events = append(r.events, sh.Sim().EventsSince(seq)...)
		}
		at += c.Steps()
		r.played = append(r.played, p)
	}
	return r, nil
}

func writeSetup(b *strings.Builder, f File, r *replayed) {
	b.WriteString("## Setup\n\n")
	fmt.Fprintf(b, "- Seed: %d\n- Brokers: %d\n- KRaft controllers: %d\n", f.Setup.Seed, f.Setup.Brokers, f.Setup.Controllers)
	if r.step < r.total {
		fmt.Fprintf(b, "- Shown at step %d of %d: the report stops there\n", r.step, r.total)
	}
	b.WriteString("\n")
}

func writeLesson(b *strings.Builder, l *LessonMark) {
	if l == nil {
		return
	}
	passed := 0
	for _, p := range l.Passed {
		if p {
			passed++
		}
	}
	b.WriteString("## Lesson\n\n")
	fmt.Fprintf(b, "Lesson %s, at step %d, with %d of %d step(s) passed.\n\n", code(l.Slug), l.Step+1, passed, len(l.Passed))
}

// writeCommands lists what the learner did. The clock's ticks are not commands: a run of them
// is one line saying how much time passed.
func writeCommands(b *strings.Builder, cmds []played, tickMs int64) {
	b.WriteString("## Commands\n\n")
	if len(cmds) == 0 {
		b.WriteString("No commands.\n\n")
		return
	}
	var clock int64
	flush := func() {
		if clock > 0 {
			fmt.Fprintf(b, "- … %s pass …\n", engine.FormatSimTime(clock*tickMs))
		}
		clock = 0
	}
	for _, c := range cmds {
		if c.Source == SourceClock && !c.Failed {
			clock += c.ticks
			continue
		}
		flush()
		fmt.Fprintf(b, "- **%s** %s", engine.FormatSimTime(c.Tick*tickMs), code(c.Line))
		switch {
		case c.Failed && c.err != nil:
			fmt.Fprintf(b, ": failed: %s\n", escape(c.err.Error()))
		case c.Failed:
			b.WriteString(": failed\n")
		case cli.NeedsInput(c.Line):
			fmt.Fprintf(b, ", with %d record(s)\n", len(c.Input))
			for _, in := range c.Input {
				fmt.Fprintf(b, "  - %s\n", code(in))
			}
		default:
			b.WriteString("\n")
		}
	}
	flush()
	b.WriteString("\n")
}

func writeEvents(b *strings.Builder, evs []engine.Event) {
	b.WriteString("## Events\n\n")
	if len(evs) == 0 {
		b.WriteString("No events.\n\n")
		return
	}
	for _, e := range evs {
		fmt.Fprintf(b, "- %s\n", escape(engine.DescribeEvent(e)))
	}
	b.WriteString("\n")
}

func writeFinalState(b *strings.Builder, v engine.View) {
	b.WriteString("## Final state\n\n")
	ctrl := "no active controller (no quorum leader)"
	if v.ActiveController >= 0 {
		ctrl = fmt.Sprintf("active controller %d (epoch %d)", v.ActiveController, v.ControllerEpoch)
	}
	fmt.Fprintf(b, "At %s (tick %d), %s.\n\n", engine.FormatSimTime(v.TimeMs), v.Tick, ctrl)
	b.WriteString("Brokers:")
	for i, br := range v.Brokers { // a View's lists come sorted
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, " %d %s", br.ID, br.State)
	}
	b.WriteString(".\n\n### Partitions\n\n")
	topics := v.Topics
	if len(topics) == 0 {
		b.WriteString("No topics.\n")
	}
	for _, t := range topics {
		if strings.HasPrefix(t.Name, "__") {
			// Fifty partitions of __consumer_offsets would bury the learner's own topics.
			fmt.Fprintf(b, "- %s: %d partitions (internal, not listed)\n", code(t.Name), len(t.Partitions))
			continue
		}
		for _, p := range t.Partitions {
			fmt.Fprintf(b, "- %s: %s\n", code(fmt.Sprintf("%s-%d", p.Topic, p.Partition)), describePartition(p))
		}
	}
	b.WriteString("\n### Consumer groups\n\n")
	groups := v.Groups
	if len(groups) == 0 {
		b.WriteString("No consumer groups.\n")
	}
	for _, g := range groups {
		fmt.Fprintf(b, "- %s: %s, generation %d, %d member(s)\n", code(g.GroupID), g.State, g.Generation, len(g.Members))
	}
}

// describePartition is one partition's line: leader, ISR, high watermark, log end, and what
// is wrong with it.
func describePartition(p engine.PartitionView) string {
	var b strings.Builder
	if p.Leader < 0 {
		b.WriteString("no leader")
	} else {
		fmt.Fprintf(&b, "leader %d (epoch %d)", p.Leader, p.LeaderEpoch)
	}
	fmt.Fprintf(&b, ", ISR %s, replicas %s", ids(p.ISR), ids(p.Replicas))
	if p.Leader >= 0 {
		fmt.Fprintf(&b, ", high watermark %d, log end %d", p.HighWatermark, p.LogEndOffset)
	}
	for _, flag := range []struct {
		on   bool
		text string
	}{{p.Offline, "offline"}, {p.UnderReplicated, "under-replicated"}, {p.UnderMinISR, "under min ISR"}} {
		if flag.on {
			b.WriteString(", " + flag.text)
		}
	}
	if p.LostRecords > 0 {
		fmt.Fprintf(&b, ", %d acknowledged record(s) lost", p.LostRecords)
	}
	return b.String()
}

// ids writes broker ids as the engine's own state line does: [2,3].
func ids(xs []int32) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return "[" + strings.Join(s, ",") + "]"
}

// code puts text in a Markdown code span, which shows any characters as they are: the fence
// is longer than any run of backticks inside, and padded when the text starts or ends with a
// backtick or would lose a space at each end (CommonMark strips one).
func code(s string) string {
	if s == "" {
		return "(empty)"
	}
	s = strings.ReplaceAll(s, "\n", " ")
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != "" {
		s = " " + s + " "
	}
	return fence + s + fence
}

// escape makes text appear as written inside a Markdown paragraph or list item: every
// character that could start inline markup (emphasis, code, links, HTML, entities) gets a
// backslash, which CommonMark allows before any ASCII punctuation. Line breaks become spaces.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '!', '#', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
