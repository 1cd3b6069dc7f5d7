package lanes

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// Cell flag bits, to index cellClasses.
const (
	cellUncommitted = 1 << iota
	cellTombstone
	cellHighlighted
	cellFlagCount = 1 << iota
)

// cellClasses holds every class string a cell can have, built once: 2,600 cells a frame
// would otherwise each join the same few words again.
var cellClasses = func() (c [keyColours + 1][cellFlagCount]string) {
	for k := 0; k <= keyColours; k++ {
		key := "key-null"
		if k < keyColours {
			key = keyClasses[k]
		}
		for f := 0; f < cellFlagCount; f++ {
			c[k][f] = classes("cell", key, flag(f&cellUncommitted != 0, "uncommitted"),
				flag(f&cellTombstone != 0, "tombstone"), flag(f&cellHighlighted != 0, "hl"))
		}
	}
	return c
}()

// lane draws one replica: the lane, its label, the "… N earlier" note, the track with one cell
// per record in the window (on a strip, see below), and the start, HW and LEO markers.
func (b *builder) lane(pv *engine.PartitionView, name, base, blockKey string, l laneRef, w window, hlPart bool) {
	r := l.r
	bs := itoa32(r.Broker)
	id := base + "/b" + bs
	laneKey := "lane/" + id
	state := b.brokerState(r.Broker)
	up := state == "up"
	zombie := r.ThinksLeader && !r.IsLeader
	role := "follower"
	if r.IsLeader {
		role = "leader"
	}
	stateWord := ""
	if !up {
		stateWord = "offline"
		if state == "isolated" || state == "fenced" {
			stateWord = state
		}
	}
	b.add(Node{Key: laneKey, Parent: blockKey, Role: "group", Y: laneY(l.index), W: b.width, H: laneHeight,
		Class: classes("lane", role, flag(zombie, "zombie"), flag(!r.InSync, "out-of-sync"), flag(!up, "offline"),
			flag(!up, "broker-"+state), flag(b.o.Highlight.matchesLane(pv.Topic, pv.Partition, r.Broker), "hl")),
		Label: laneLabel(r, role, zombie, stateWord),
		Data: [][2]string{{"broker", bs}, {"hw", itoa(r.HighWatermark)}, {"insync", btoa(r.InSync)},
			{"leo", itoa(r.LogEndOffset)}, {"logstart", itoa(r.LogStartOffset)}, {"role", role}}})

	line1 := "broker " + bs + " · " + role
	if r.IsLeader {
		line1 = "★ " + line1
	}
	var notes []string
	if zombie {
		notes = append(notes, "zombie")
	}
	if !r.InSync {
		notes = append(notes, "out of sync")
	}
	if stateWord != "" {
		notes = append(notes, stateWord)
	}
	text := line1
	if len(notes) > 0 {
		text += "\n" + strings.Join(notes, ", ")
	}
	b.add(Node{Key: "lanelabel/" + id, Parent: laneKey, Class: "lane-label", W: labelWidth, H: laneHeight, Text: text})

	recs := r.Records
	first := sort.Search(len(recs), func(i int) bool { return recs[i].Offset >= w.start })
	if first > 0 {
		n := itoa(int64(first))
		b.add(Node{Key: "earlier/" + id, Parent: laneKey, Class: "earlier", X: labelWidth, Y: cellTop,
			W: earlierWidth - cellGap*2, H: cellHeight, Text: "… " + n + " earlier",
			Label: n + " earlier records on broker " + bs + " are not shown", Data: [][2]string{{"count", n}}})
	}
	last := first
	for last < len(recs) && recs[last].Offset < w.end {
		last++
	}
	trackKey, stripKey := "track/"+id, "strip/"+id
	b.add(Node{Key: trackKey, Parent: laneKey, Class: "track", X: trackX, W: float64(w.cells) * cellWidth, H: laneHeight})
	// The cells sit at offset*cellWidth on a strip shifted left by start*cellWidth, so on the
	// track a cell is at (offset-start)*cellWidth, and sliding the window moves the strip: one
	// node per lane changes, not every cell of it.
	b.add(Node{Key: stripKey, Parent: trackKey, Class: "strip", Role: "list", X: -float64(w.start) * cellWidth,
		H: laneHeight, Label: "records on broker " + bs})
	if last > first {
		b.recordCells(recs[first:last], r, name, bs, "cell/"+id+"/", stripKey, hlPart)
	}

	b.markers(laneKey, "mark/"+id+"/", laneHeight, w, true, [2]string{}, []marker{
		{name: "start", class: "marker marker-start", text: "start", label: "log start offset", offset: r.LogStartOffset},
		{name: "hw", class: "marker marker-hw", text: "HW", label: "high watermark", offset: r.HighWatermark},
		{name: "leo", class: "marker marker-leo", text: "LEO", label: "log end offset", offset: r.LogEndOffset},
	})
}

func laneLabel(r *engine.ReplicaView, role string, zombie bool, stateWord string) string {
	var sb strings.Builder
	sb.WriteString("broker ")
	sb.WriteString(itoa32(r.Broker))
	sb.WriteString(", ")
	sb.WriteString(role)
	if zombie {
		sb.WriteString(", zombie: still believes it is the leader")
	}
	if r.InSync {
		sb.WriteString(", in sync")
	} else {
		sb.WriteString(", out of sync")
	}
	if stateWord != "" {
		sb.WriteString(", ")
		sb.WriteString(stateWord)
	}
	sb.WriteString(", log start offset ")
	sb.WriteString(itoa(r.LogStartOffset))
	sb.WriteString(", high watermark ")
	sb.WriteString(itoa(r.HighWatermark))
	sb.WriteString(", log end offset ")
	sb.WriteString(itoa(r.LogEndOffset))
	return sb.String()
}

// recordCells draws the records of one lane that fall in the window. Compacted-away offsets
// simply have no cell.
//
// This is the hot loop of a frame (2,600 cells for the benchmark cluster), so the keys, texts
// and labels of a lane are written into one buffer and become one string, which the cells
// then share as substrings: one allocation per lane instead of four per cell.
func (b *builder) recordCells(recs []engine.Record, r *engine.ReplicaView, name, bs, keyPrefix, stripKey string, hlPart bool) {
	data := make([][2]string, 3*len(recs)) // one allocation for every cell's attributes
	buf, ends := b.buf[:0], b.ends[:0]
	first := len(b.nodes)
	for i := range recs {
		rec := &recs[i]
		if i > 0 && rec.Offset <= recs[i-1].Offset {
			continue // a log never repeats an offset; a malformed view must not repeat a key
		}
		k := keyColours
		if !rec.NullKey {
			k = keyIndex(rec.Key)
		}
		f := 0
		if rec.Offset >= r.HighWatermark {
			f |= cellUncommitted
		}
		if rec.NullValue {
			f |= cellTombstone
		}
		if hlPart && b.highlighted(rec.Offset) {
			f |= cellHighlighted
		}
		buf = append(buf, keyPrefix...)
		buf = strconv.AppendInt(buf, rec.Offset, 10)
		ends = append(ends, len(buf))
		buf = strconv.AppendInt(buf, rec.Offset, 10)
		buf = append(buf, '\n')
		buf = appendKeyText(buf, rec)
		ends = append(ends, len(buf))
		buf = appendCellLabel(buf, rec, f)
		ends = append(ends, len(buf))
		b.add(Node{Parent: stripKey, Class: cellClasses[k][f], Role: "listitem", Focusable: true,
			X: float64(rec.Offset) * cellWidth, Y: cellTop, W: cellWidth - cellGap, H: cellHeight})
	}
	all := string(buf)
	at := 0
	for i := range len(b.nodes) - first {
		n := &b.nodes[first+i]
		n.Key = all[at:ends[3*i]]
		n.Text = all[ends[3*i]:ends[3*i+1]]
		n.Label = all[ends[3*i+1]:ends[3*i+2]]
		at = ends[3*i+2]
		d := data[3*i : 3*i+3 : 3*i+3]
		d[0], d[1], d[2] = [2]string{"broker", bs}, [2]string{"offset", n.Key[len(keyPrefix):]}, [2]string{"partition", name}
		n.Data = d
	}
	b.buf, b.ends = buf, ends
}

// appendKeyText writes the key as a cell shows it: null keys as ∅ (the console prints "null",
// which would be indistinguishable from the key "null"), empty keys as "", long keys cut with
// an ellipsis (the full key is in the cell's label).
func appendKeyText(buf []byte, r *engine.Record) []byte {
	switch {
	case r.NullKey:
		return append(buf, "∅"...)
	case r.Key == "":
		return append(buf, `""`...)
	}
	return appendTruncated(buf, r.Key, maxKeyRunes)
}

// appendCellLabel writes what the tooltip and a screen reader say about a record.
func appendCellLabel(buf []byte, rec *engine.Record, f int) []byte {
	buf = append(buf, "offset "...)
	buf = strconv.AppendInt(buf, rec.Offset, 10)
	buf = append(buf, ", key "...)
	buf = append(buf, rec.KeyString()...)
	buf = append(buf, ", value "...)
	buf = append(buf, rec.ValueString()...)
	buf = append(buf, ", leader epoch "...)
	buf = strconv.AppendInt(buf, int64(rec.LeaderEpoch), 10)
	if f&cellUncommitted != 0 {
		buf = append(buf, ", uncommitted (at or above this replica's high watermark)"...)
	}
	if f&cellTombstone != 0 {
		buf = append(buf, ", tombstone"...)
	}
	return buf
}

// highlighted says whether an offset is one the highlight names.
func (b *builder) highlighted(off int64) bool {
	_, ok := slices.BinarySearch(b.hl, off)
	return ok
}
