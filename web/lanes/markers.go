package lanes

import (
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// marker is a thin vertical line at an offset boundary: the line at offset n sits between the
// cells n-1 and n, which is where Kafka's offsets point (the HW is the first offset not yet
// committed, the LEO the offset the next record gets).
type marker struct {
	name   string // key suffix
	class  string
	text   string // short, drawn next to the line
	label  string // long, before the offset: "high watermark"
	offset int64
}

// markers draws ms on the node parent, whose track starts at trackX. With merge, markers that
// fall on the same x share one text ("HW·LEO"), so labels of equal offsets do not overprint;
// each keeps its own node and Label. (Consumer rows do not merge: CSS puts their two labels
// on two lines.) Offsets outside the window are pinned to its edge with an arrow, so a
// follower far behind still shows where its LEO is. extra is an optional data attribute
// ({"group", id}) that sorts before "offset"; extra[0] == "" means none.
func (b *builder) markers(parent, keyPrefix string, h float64, w window, merge bool, extra [2]string, ms []marker) {
	type placed struct {
		x     float64
		text  string
		class string
	}
	ps := make([]placed, len(ms))
	for i, m := range ms {
		if m.offset < 0 {
			continue
		}
		x, clamped := w.x(m.offset)
		p := placed{x: x, text: m.text, class: m.class}
		switch clamped {
		case -1:
			p.text, p.class = "◀"+m.text, m.class+" clamped"
		case 1:
			p.text, p.class = "▶"+m.text, m.class+" clamped"
		}
		for j := range i {
			if merge && ps[j].x == x && ms[j].offset >= 0 {
				ps[j].text += "·" + p.text
				p.text = ""
				break
			}
		}
		ps[i] = p
	}
	for i, m := range ms {
		if m.offset < 0 {
			continue // unknown: nothing committed, no position yet
		}
		off := itoa(m.offset)
		data := [][2]string{{"offset", off}}
		if extra[0] != "" {
			data = [][2]string{extra, {"offset", off}}
		}
		b.add(Node{Key: keyPrefix + m.name, Parent: parent, Class: ps[i].class, X: trackX + ps[i].x - markerWidth/2,
			W: markerWidth, H: h, Text: ps[i].text, Label: m.label + " " + off, Data: data})
	}
}

// consumerRow is one reader of a partition drawn under its lanes: a consumer group's committed
// offset and its owner's position, or a standalone consumer's position.
type consumerRow struct {
	group     bool
	id        string
	committed int64 // -1: none, or not a group
	position  int64 // -1: no owner yet
	lag       int64 // -1: unknown
}

// consumerRows indexes every group offset row and every standalone consumer assignment by
// partition, groups first (by id), then consumers (by name).
func consumerRows(v *engine.View) map[engine.TopicPartition][]consumerRow {
	out := map[engine.TopicPartition][]consumerRow{}
	groups := make([]*engine.GroupView, len(v.Groups))
	for i := range v.Groups {
		groups[i] = &v.Groups[i]
	}
	slices.SortStableFunc(groups, func(a, b *engine.GroupView) int { return strings.Compare(a.GroupID, b.GroupID) })
	for _, g := range groups {
		for _, o := range g.Offsets {
			tp := engine.TopicPartition{Topic: o.Topic, Partition: o.Partition}
			out[tp] = append(out[tp], consumerRow{group: true, id: g.GroupID, committed: o.Committed, position: o.Position, lag: o.Lag})
		}
	}
	consumers := make([]*engine.ConsumerView, 0, len(v.Consumers))
	for i := range v.Consumers {
		if v.Consumers[i].Group == "" {
			consumers = append(consumers, &v.Consumers[i])
		}
	}
	slices.SortStableFunc(consumers, func(a, b *engine.ConsumerView) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range consumers {
		for _, a := range c.Assignment {
			tp := engine.TopicPartition{Topic: a.Topic, Partition: a.Partition}
			out[tp] = append(out[tp], consumerRow{id: c.Name, committed: -1, position: a.Position, lag: a.Lag})
		}
	}
	return out
}

// consumerRow draws one reader's row: its name and lag at the left, its committed offset and
// position on the track, aligned with the lanes above.
func (b *builder) consumerRow(base, blockKey string, r *consumerRow, y float64, w window) {
	kind, class, who := "c", "consumer-row standalone-row", "consumer "
	if r.group {
		kind, class, who = "g", "consumer-row group-row", "group "
	}
	key := "row/" + base + "/" + kind + "/" + keyPart(r.id)
	lag := "unknown"
	if r.lag >= 0 {
		lag = itoa(r.lag)
	}
	var sb strings.Builder
	sb.WriteString(who)
	sb.WriteString(r.id)
	if r.group {
		sb.WriteString(", committed offset ")
		sb.WriteString(offsetOrNone(r.committed))
	}
	sb.WriteString(", position ")
	sb.WriteString(offsetOrNone(r.position))
	sb.WriteString(", lag ")
	sb.WriteString(lag)
	attr := "consumer"
	if r.group {
		attr = "group"
	}
	b.add(Node{Key: key, Parent: blockKey, Class: class, Y: y, W: b.width, H: rowHeight, Label: sb.String(),
		Data: [][2]string{{attr, r.id}, {"lag", itoa(r.lag)}}})
	b.add(Node{Key: key + "/label", Parent: key, Class: "row-label", W: labelWidth + earlierWidth, H: rowHeight,
		Text: who + truncate(r.id, 16) + " · lag " + lag})
	b.markers(key, key+"/", rowHeight, w, false, [2]string{attr, r.id}, []marker{
		{name: "committed", class: "marker marker-committed", text: "committed", label: "committed offset", offset: r.committed},
		{name: "position", class: "marker marker-position", text: "position", label: "position", offset: r.position},
	})
}

func offsetOrNone(off int64) string {
	if off < 0 {
		return "none"
	}
	return itoa(off)
}
