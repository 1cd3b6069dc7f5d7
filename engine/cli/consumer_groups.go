package cli

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

func init() {
	register(&command{name: "kafka-consumer-groups", summary: "list and describe consumer groups, reset their offsets",
		usage: `kafka-consumer-groups.sh --bootstrap-server localhost:9092 --list [--state]
kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe (--group G | --all-groups) [--offsets | --members [--verbose] | --state]
kafka-consumer-groups.sh --bootstrap-server localhost:9092 --reset-offsets --group G (--topic T[:P,P] | --all-topics)
    (--to-earliest | --to-latest | --to-current | --to-offset N | --shift-by N) [--dry-run | --execute]
LOG-END-OFFSET is the high watermark; LAG = LOG-END-OFFSET - CURRENT-OFFSET.`, run: runConsumerGroups})
}

var consumerGroupsFlags = map[string]flagSpec{
	"list": {}, "describe": {}, "reset-offsets": {}, "group": {value: true, repeat: true}, "all-groups": {},
	"members": {}, "verbose": {}, "state": {}, "offsets": {}, "topic": {value: true, repeat: true}, "all-topics": {},
	"to-earliest": {}, "to-latest": {}, "to-current": {}, "to-offset": {value: true}, "shift-by": {value: true},
	"dry-run": {}, "execute": {}, "timeout": {value: true},
}

func runConsumerGroups(sh *Shell, args []string, _ []string, out *strings.Builder) error {
	f, err := parseFlags("kafka-consumer-groups", args, consumerGroupsFlags)
	if err != nil {
		return err
	}
	n := 0
	for _, a := range []string{"list", "describe", "reset-offsets"} {
		if f.has(a) {
			n++
		}
	}
	if n != 1 {
		return errors.New("Command must include exactly one action: --list, --describe, --reset-offsets")
	}
	v := sh.sim.View()
	switch {
	case f.has("list"):
		if f.has("state") {
			// ConsumerGroupCommand.printGroupInfo: GROUP is ten wider than the longest id (at
			// least 15), STATE is padded to 20.
			w := 15
			for _, g := range v.Groups {
				w = width(w, g.GroupID)
			}
			fmt.Fprintf(out, "%-*s %-20s\n", w+10, "GROUP", "STATE")
			for _, g := range v.Groups {
				fmt.Fprintf(out, "%-*s %-20s\n", w+10, g.GroupID, g.State)
			}
			return nil
		}
		for _, g := range v.Groups {
			fmt.Fprintln(out, g.GroupID)
		}
		return nil
	case f.has("describe"):
		var ids []string
		if f.has("all-groups") {
			for _, g := range v.Groups {
				ids = append(ids, g.GroupID)
			}
		} else if ids = f.all("group"); len(ids) == 0 {
			return errors.New("Option [describe] takes one of these options: [all-groups], [group]")
		}
		for _, id := range ids {
			g, ok := v.Group(id)
			if !ok {
				fmt.Fprintf(out, "\nError: Consumer group '%s' does not exist.\n", id)
				continue
			}
			switch {
			case f.has("members"):
				describeMembers(out, g, f.has("verbose"))
			case f.has("state"):
				describeState(out, g)
			default:
				describeOffsets(out, g)
			}
		}
		return nil
	}
	return resetOffsets(sh, f, v, out)
}

func groupNotes(out *strings.Builder, g engine.GroupView) {
	switch g.State {
	case engine.GroupEmpty:
		fmt.Fprintf(out, "\nConsumer group '%s' has no active members.\n", g.GroupID)
	case engine.GroupPreparingRebalance, engine.GroupCompletingRebalance:
		fmt.Fprintf(out, "\nWarning: Consumer group '%s' is rebalancing.\n", g.GroupID)
	}
}

func width(min int, vals ...string) int {
	for _, v := range vals {
		min = max(min, len(v))
	}
	return min
}

func dash(n int64) string {
	if n < 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}

// describeOffsets prints ConsumerGroupCommand's offsets table: members with the most partitions
// first, then committed partitions nobody owns. Members without partitions get no row (the 4.x
// tool leaves them out; --members lists them), and a group with no rows at all prints only its
// note.
func describeOffsets(out *strings.Builder, g engine.GroupView) {
	groupNotes(out, g)
	rows := append([]engine.GroupOffsetView(nil), g.Offsets...)
	if len(rows) == 0 {
		return
	}
	count := map[string]int{}
	for _, r := range rows {
		count[r.MemberID]++
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.MemberID == "") != (b.MemberID == "") {
			return a.MemberID != ""
		}
		if count[a.MemberID] != count[b.MemberID] {
			return count[a.MemberID] > count[b.MemberID]
		}
		return a.MemberID < b.MemberID
	})
	gw, tw, cw, hw := width(15, g.GroupID), 15, 15, 15
	for _, r := range rows {
		tw, cw = width(tw, r.Topic), width(cw, r.MemberID)
		hw = width(hw, "/127.0.0.1")
	}
	format := fmt.Sprintf("\n%%-%ds %%-%ds %%-10s %%-15s %%-15s %%-15s %%-%ds %%-%ds %%s", gw, tw, cw, hw)
	fmt.Fprintf(out, format, "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID")
	for _, r := range rows {
		member, host, client := "-", "-", "-"
		if r.MemberID != "" {
			member, host, client = r.MemberID, "/127.0.0.1", r.ClientID
		}
		fmt.Fprintf(out, format, g.GroupID, r.Topic, strconv.Itoa(int(r.Partition)), dash(r.Committed), dash(r.LogEndOffset), dash(r.Lag), member, host, client)
	}
	out.WriteString("\n")
}

// describeMembers prints ConsumerGroupCommand's members table. GROUP-INSTANCE-ID appears only
// when some member is static, which the playground's never are, even with --verbose; --verbose
// adds the ASSIGNMENT column after #PARTITIONS.
func describeMembers(out *strings.Builder, g engine.GroupView, verbose bool) {
	groupNotes(out, g)
	gw, cw, hw, clw := width(15, g.GroupID), 15, 15, 15
	for _, m := range g.Members {
		cw, hw, clw = width(cw, m.MemberID), width(hw, m.Host), width(clw, m.ClientID)
	}
	format := fmt.Sprintf("%%-%ds %%-%ds %%-%ds %%-%ds %%-15s ", gw, cw, hw, clw)
	fmt.Fprintf(out, "\n"+format, "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS")
	if verbose {
		out.WriteString("ASSIGNMENT")
	}
	for _, m := range g.Members {
		out.WriteString("\n")
		fmt.Fprintf(out, format, g.GroupID, m.MemberID, m.Host, m.ClientID, strconv.Itoa(len(m.Assignment)))
		if verbose {
			out.WriteString(formatAssignment(m.Assignment))
		}
	}
	out.WriteString("\n")
}

// formatAssignment is the 4.0 tool's ASSIGNMENT column: topic1:0, topic2:0,1 ("-" when empty),
// topics and each topic's partitions sorted, whatever order the assignor produced them in.
func formatAssignment(tps []engine.TopicPartition) string {
	if len(tps) == 0 {
		return "-"
	}
	sorted := slices.Clone(tps)
	slices.SortFunc(sorted, engine.TopicPartition.Compare)
	var b strings.Builder
	for i, tp := range sorted {
		switch {
		case i == 0:
			b.WriteString(tp.Topic + ":")
		case tp.Topic != sorted[i-1].Topic:
			b.WriteString(", " + tp.Topic + ":")
		default:
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(int(tp.Partition)))
	}
	return b.String()
}

func describeState(out *strings.Builder, g engine.GroupView) {
	coord := "-"
	if g.Coordinator >= 0 {
		coord = fmt.Sprintf("localhost:%d  (%d)", 9091+g.Coordinator, g.Coordinator)
	}
	strategy := g.Protocol
	if strategy == "" {
		strategy = "-" // an Empty group has no protocol
	}
	gw, cw := width(15, g.GroupID), width(25, coord)
	format := fmt.Sprintf("\n%%-%ds %%-%ds %%-20s %%-20s %%s", gw, cw)
	fmt.Fprintf(out, format, "GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS")
	fmt.Fprintf(out, format, g.GroupID, coord, strategy, g.State.String(), strconv.Itoa(len(g.Members)))
	out.WriteString("\n")
}

// resetOffsets is ConsumerGroupCommand --reset-offsets. It works only on an inactive group:
// Empty, or Dead, which includes a group that does not exist yet (the reset creates it). Targets
// of --to-offset and --shift-by outside the log are clamped to the log start or the high
// watermark with a warning; --shift-by needs a committed offset to shift, and --to-current
// falls back to the high watermark for partitions without one.
func resetOffsets(sh *Shell, f parsedFlags, v engine.View, out *strings.Builder) error {
	ids := f.all("group")
	if len(ids) != 1 {
		return errors.New("--reset-offsets needs exactly one --group")
	}
	scenarios := 0
	for _, s := range []string{"to-earliest", "to-latest", "to-current", "to-offset", "shift-by"} {
		if f.has(s) {
			scenarios++
		}
	}
	if scenarios != 1 {
		return errors.New("Option [reset-offsets] takes exactly one of these options: [to-earliest], [to-latest], [to-current], [to-offset], [shift-by]")
	}
	if f.has("all-topics") == f.has("topic") {
		return errors.New("Option [reset-offsets] takes one of these options: [all-topics], [topic]")
	}
	g, ok := v.Group(ids[0])
	if !ok {
		g = engine.GroupView{GroupID: ids[0], State: engine.GroupDead}
	}
	if g.State != engine.GroupEmpty && g.State != engine.GroupDead {
		return fmt.Errorf("Error: Assignments can only be reset if the group '%s' is inactive, but the current state is %s.", g.GroupID, g.State)
	}
	committed := map[engine.TopicPartition]int64{}
	for _, o := range g.Offsets {
		if o.Committed >= 0 {
			committed[engine.TopicPartition{Topic: o.Topic, Partition: o.Partition}] = o.Committed
		}
	}
	var tps []engine.TopicPartition
	if f.has("all-topics") {
		// Every partition the group has committed offsets for.
		for _, o := range g.Offsets {
			if o.Committed >= 0 {
				tps = append(tps, engine.TopicPartition{Topic: o.Topic, Partition: o.Partition})
			}
		}
	} else {
		for _, spec := range f.all("topic") {
			name, parts, hasParts := strings.Cut(spec, ":")
			t, ok := v.Topic(name)
			if !ok {
				return fmt.Errorf("Error: Topic '%s' does not exist", name)
			}
			if !hasParts {
				for _, p := range t.Partitions {
					tps = append(tps, engine.TopicPartition{Topic: name, Partition: p.Partition})
				}
				continue
			}
			for _, ps := range strings.Split(parts, ",") {
				n, err := strconv.Atoi(ps)
				if err != nil || n < 0 || n >= len(t.Partitions) {
					return fmt.Errorf("Error: %q is not a partition of topic %s", ps, name)
				}
				tps = append(tps, engine.TopicPartition{Topic: name, Partition: int32(n)})
			}
		}
	}
	slices.SortFunc(tps, engine.TopicPartition.Compare)
	tps = slices.Compact(tps) // --topic t --topic t:0 names partition 0 twice
	var number int64
	if f.has("to-offset") || f.has("shift-by") {
		name := "to-offset"
		if f.has("shift-by") {
			name = "shift-by"
		}
		n, err := strconv.ParseInt(f.get(name), 10, 64)
		if err != nil {
			return fmt.Errorf("--%s %q is not a number", name, f.get(name))
		}
		number = n
	}
	offsets := map[engine.TopicPartition]int64{}
	var warnings []string
	for _, tp := range tps {
		p, _ := v.Partition(tp.Topic, tp.Partition)
		if p.Leader < 0 {
			return fmt.Errorf("Error: partition %s has no leader, so its offsets cannot be listed", tp)
		}
		cur, has := committed[tp]
		var target int64
		switch {
		case f.has("to-earliest"):
			target = p.LogStartOffset
		case f.has("to-latest"):
			target = p.HighWatermark
		case f.has("to-current"):
			target = p.HighWatermark
			if has {
				target = cur
			}
		default:
			target = number
			if f.has("shift-by") {
				if !has {
					return fmt.Errorf("Error: Executing consumer group command failed due to Cannot shift offset for partition %s since there is no current committed offset", tp)
				}
				target = cur + number
			}
			// ConsumerGroupCommand.checkOffsetsRange: clamp to the log, with a warning.
			switch {
			case target > p.HighWatermark:
				warnings = append(warnings, fmt.Sprintf("WARN New offset (%d) is higher than latest offset for topic partition %s. Value will be set to %d", target, tp, p.HighWatermark))
				target = p.HighWatermark
			case target < p.LogStartOffset:
				warnings = append(warnings, fmt.Sprintf("WARN New offset (%d) is lower than earliest offset for topic partition %s. Value will be set to %d", target, tp, p.LogStartOffset))
				target = p.LogStartOffset
			}
		}
		offsets[tp] = target
	}
	for _, w := range warnings {
		fmt.Fprintln(out, w)
	}
	if f.has("execute") && f.has("dry-run") {
		return errors.New("Option [execute] cannot be used with [dry-run]: choose one")
	}
	if !f.has("execute") && !f.has("dry-run") {
		out.WriteString("WARN: No action will be performed as the --execute option is missing. Add --dry-run to keep this behaviour, or --execute to reset the offsets.\n")
	}
	if f.has("execute") && len(offsets) > 0 {
		if err := sh.sim.ResetGroupOffsets(g.GroupID, offsets); err != nil {
			return err
		}
	}
	format := "\n%-30s %-30s %-10s %-15s"
	fmt.Fprintf(out, format, "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET")
	for _, tp := range tps {
		fmt.Fprintf(out, format, g.GroupID, tp.Topic, strconv.Itoa(int(tp.Partition)), strconv.FormatInt(offsets[tp], 10))
	}
	out.WriteString("\n")
	return nil
}
