package lanes

import (
	"math"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// builder holds what Build looks up more than once, indexed once per scene.
type builder struct {
	v       *engine.View
	o       Options
	cells   int
	width   float64
	hl      []int64 // Highlight.Offsets, sorted
	flights bool
	rows    map[engine.TopicPartition][]consumerRow
	inAir   map[engine.TopicPartition][]int // indexes into v.InFlight, in their order
	nodes   []Node
	buf     []byte // scratch for recordCells, reused lane after lane
	ends    []int
}

// Build lays out the whole scene for one View. It costs O(window) per lane, not O(records):
// the records of a replica are sorted by offset, so the window is found by binary search.
func Build(v engine.View, o Options) Scene {
	b := newBuilder(&v, o)
	topics := b.topics()
	est := 0
	for _, t := range topics {
		for i := range t.Partitions {
			est += 8 + len(t.Partitions[i].ReplicaStates)*(b.cells+8)
		}
	}
	b.nodes = make([]Node, 0, est)
	y, first := 0.0, true
	for _, t := range topics {
		for i := range t.Partitions {
			if !first {
				y += blockGap
			}
			first = false
			y += b.partition(&t.Partitions[i], y)
		}
	}
	return Scene{W: b.width, H: y, Nodes: b.nodes}
}

func newBuilder(v *engine.View, o Options) *builder {
	cells := o.WindowCells
	if cells <= 0 {
		cells = defaultWindowCells
	}
	cells = min(cells, maxWindowCells)
	b := &builder{v: v, o: o, cells: cells, width: blockWidth(cells),
		flights: o.MsPerTick > 0 && !math.IsInf(o.MsPerTick, 0) && !o.ReducedMotion}
	if len(o.Highlight.Offsets) > 0 {
		b.hl = slices.Clone(o.Highlight.Offsets)
		slices.Sort(b.hl)
	}
	b.rows = consumerRows(v)
	if b.flights {
		b.inAir = map[engine.TopicPartition][]int{}
		for i := range v.InFlight {
			m := &v.InFlight[i]
			tp := engine.TopicPartition{Topic: m.Topic, Partition: m.Partition}
			b.inAir[tp] = append(b.inAir[tp], i)
		}
	}
	return b
}

// topics are the topics to draw: Options.Topics in its order (unknown names and repeats
// skipped), or every non-internal topic by name.
func (b *builder) topics() []*engine.TopicView {
	var out []*engine.TopicView
	if b.o.Topics == nil {
		for i := range b.v.Topics {
			if !strings.HasPrefix(b.v.Topics[i].Name, "__") {
				out = append(out, &b.v.Topics[i])
			}
		}
		slices.SortStableFunc(out, func(x, y *engine.TopicView) int { return strings.Compare(x.Name, y.Name) })
		return out
	}
	for j, name := range b.o.Topics {
		if slices.Contains(b.o.Topics[:j], name) {
			continue
		}
		for i := range b.v.Topics {
			if b.v.Topics[i].Name == name {
				out = append(out, &b.v.Topics[i])
				break
			}
		}
	}
	return out
}

func (b *builder) add(n Node) { b.nodes = append(b.nodes, n) }

// brokerState is the one word the cluster panel shows for a broker ("up", "stopped",
// "crashed", "isolated", "fenced"); a broker the view does not know is "offline".
func (b *builder) brokerState(id int32) string {
	for i := range b.v.Brokers {
		if b.v.Brokers[i].ID == id {
			return b.v.Brokers[i].State
		}
	}
	return "offline"
}

// laneRef is a drawn lane: which replica, at which index in its block.
type laneRef struct {
	index int
	r     *engine.ReplicaView
}

// replicaOrder lists a partition's replicas in assignment order (the order of
// PartitionView.Replicas, the order Kafka's tools print), then any replica state the
// assignment no longer names. A broker gets one lane even if a malformed view lists it twice,
// since its lane's key must be unique.
func replicaOrder(pv *engine.PartitionView) []laneRef {
	out := make([]laneRef, 0, len(pv.ReplicaStates))
	drawn := func(broker int32) bool {
		for _, l := range out {
			if l.r.Broker == broker {
				return true
			}
		}
		return false
	}
	for _, id := range pv.Replicas {
		for i := range pv.ReplicaStates {
			if pv.ReplicaStates[i].Broker == id && !drawn(id) {
				out = append(out, laneRef{index: len(out), r: &pv.ReplicaStates[i]})
				break
			}
		}
	}
	for i := range pv.ReplicaStates {
		if !drawn(pv.ReplicaStates[i].Broker) {
			out = append(out, laneRef{index: len(out), r: &pv.ReplicaStates[i]})
		}
	}
	return out
}

// partition draws one partition block at y and returns its height.
func (b *builder) partition(pv *engine.PartitionView, y float64) float64 {
	w := partitionWindow(pv, b.cells)
	p := itoa32(pv.Partition)
	name := pv.Topic + "-" + p
	base := pv.Topic + "/" + p
	tp := engine.TopicPartition{Topic: pv.Topic, Partition: pv.Partition}
	lanes := replicaOrder(pv)
	rows := b.rows[tp]
	h := headerHeight + float64(len(lanes))*laneHeight + float64(len(rows))*rowHeight + blockPad
	blockKey := "part/" + base
	hlPart := b.o.Highlight.matchesPartition(pv.Topic, pv.Partition)
	flags := partitionFlags(pv)

	b.add(Node{Key: blockKey, Role: "group", X: 0, Y: y, W: b.width, H: h,
		Class: classes("partition", flag(pv.Offline, "offline"), flag(pv.UnderReplicated, "under-replicated"),
			flag(pv.UnderMinISR, "under-min-isr"), flag(hlPart, "hl")),
		Label: partitionLabel(name, pv, flags),
		Data: [][2]string{{"hw", itoa(pv.HighWatermark)}, {"isr", joinIDs(pv.ISR)}, {"leader", itoa32(pv.Leader)},
			{"leo", itoa(pv.LogEndOffset)}, {"partition", name}}})
	headW := b.width
	if len(flags) > 0 {
		headW -= flagsWidth
	}
	head := headerText(name, pv, rows)
	b.add(Node{Key: "head/" + base, Parent: blockKey, Class: "partition-header", W: headW, H: headerHeight,
		Text: head, Label: head})
	if len(flags) > 0 {
		f := strings.Join(flags, " · ")
		b.add(Node{Key: "flags/" + base, Parent: blockKey, Class: "partition-flags", X: b.width - flagsWidth,
			W: flagsWidth, H: headerHeight, Text: f, Label: f})
	}
	for _, l := range lanes {
		b.lane(pv, name, base, blockKey, l, w, hlPart)
	}
	top := laneY(len(lanes))
	for j := range rows {
		b.consumerRow(base, blockKey, &rows[j], top+float64(j)*rowHeight, w)
	}
	if b.flights {
		b.flightsOf(pv, base, blockKey, lanes, w)
	}
	return h
}

// partitionFlags are the partition's problems, in capitals, so they are told by text and not
// by colour alone.
func partitionFlags(pv *engine.PartitionView) []string {
	var f []string
	if pv.Offline {
		f = append(f, "OFFLINE")
	}
	if pv.UnderReplicated {
		f = append(f, "UNDER-REPLICATED")
	}
	if pv.UnderMinISR {
		f = append(f, "UNDER MIN ISR")
	}
	if pv.LostRecords > 0 {
		f = append(f, itoa(int64(pv.LostRecords))+plural(pv.LostRecords, " RECORD", " RECORDS")+" LOST")
	}
	if pv.UncleanElections > 0 {
		f = append(f, itoa(int64(pv.UncleanElections))+plural(pv.UncleanElections, " UNCLEAN ELECTION", " UNCLEAN ELECTIONS"))
	}
	return f
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// headerText is the line above the lanes: "orders-0 · leader 2 · epoch 3 · ISR [2,3] · HW 17 ·
// LEO 17", then the lag of every group reading the partition.
func headerText(name string, pv *engine.PartitionView, rows []consumerRow) string {
	var sb strings.Builder
	sb.WriteString(name)
	if pv.Leader < 0 {
		sb.WriteString(" · no leader")
	} else {
		sb.WriteString(" · leader ")
		sb.WriteString(itoa32(pv.Leader))
	}
	sb.WriteString(" · epoch ")
	sb.WriteString(itoa32(pv.LeaderEpoch))
	sb.WriteString(" · ISR [")
	sb.WriteString(joinIDs(pv.ISR))
	sb.WriteString("]")
	if pv.HighWatermark >= 0 {
		sb.WriteString(" · HW ")
		sb.WriteString(itoa(pv.HighWatermark))
	}
	if pv.LogEndOffset >= 0 {
		sb.WriteString(" · LEO ")
		sb.WriteString(itoa(pv.LogEndOffset))
	}
	for i := range rows {
		r := &rows[i]
		if !r.group {
			continue
		}
		sb.WriteString(" · lag ")
		if r.lag >= 0 {
			sb.WriteString(itoa(r.lag))
		} else {
			sb.WriteString("unknown")
		}
		sb.WriteString(" (group ")
		sb.WriteString(r.id)
		sb.WriteString(")")
	}
	return sb.String()
}

func partitionLabel(name string, pv *engine.PartitionView, flags []string) string {
	var sb strings.Builder
	sb.WriteString("partition ")
	sb.WriteString(name)
	if pv.Leader < 0 {
		sb.WriteString(", no leader")
	} else {
		sb.WriteString(", leader broker ")
		sb.WriteString(itoa32(pv.Leader))
	}
	sb.WriteString(", leader epoch ")
	sb.WriteString(itoa32(pv.LeaderEpoch))
	sb.WriteString(", in-sync replicas ")
	if len(pv.ISR) == 0 {
		sb.WriteString("none")
	} else {
		sb.WriteString(joinIDs(pv.ISR))
	}
	if pv.HighWatermark >= 0 {
		sb.WriteString(", high watermark ")
		sb.WriteString(itoa(pv.HighWatermark))
	}
	if pv.LogEndOffset >= 0 {
		sb.WriteString(", log end offset ")
		sb.WriteString(itoa(pv.LogEndOffset))
	}
	for _, f := range flags {
		sb.WriteString(", ")
		sb.WriteString(strings.ToLower(f))
	}
	return sb.String()
}

// matchesPartition says whether the highlight names this partition (or its whole topic).
func (h Highlight) matchesPartition(topic string, partition int32) bool {
	return h.Topic != "" && h.Topic == topic && (h.Partition < 0 || h.Partition == partition)
}

// matchesLane says whether the highlight names this replica's broker: everywhere when the
// event names no topic, within the named partitions otherwise.
func (h Highlight) matchesLane(topic string, partition, broker int32) bool {
	return h.Broker >= 0 && h.Broker == broker && (h.Topic == "" || h.matchesPartition(topic, partition))
}
