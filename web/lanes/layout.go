package lanes

import "github.com/kafka-playground/playground/engine"

// Fixed geometry in px. Nothing is measured in the browser: every position is arithmetic on
// these, so a scene can be checked on the host and the browser never has to lay out text
// before it can place a record.
const (
	cellWidth    = 34.0 // one record; offsets advance by one cell
	cellHeight   = 24.0 // two lines of 10px text: the offset and the key
	cellTop      = 2.0
	cellGap      = 2.0  // the cell is drawn this much narrower than its slot
	laneHeight   = 36.0 // the cell plus a 10px strip under it for marker labels
	labelWidth   = 140.0
	earlierWidth = 48.0 // the "… N earlier" gutter between the lane label and offset `start`
	trackX       = labelWidth + earlierWidth
	headerHeight = 22.0
	rowHeight    = 20.0 // one consumer group or standalone consumer under the lanes
	blockPad     = 6.0  // below the last row of a block
	blockGap     = 12.0
	padRight     = 56.0 // room for marker labels at the log end and for flights leaving to the consumer
	markerWidth  = 2.0
	flightSize   = 10.0
	flagsWidth   = 320.0 // right part of the header line, for the partition's flags

	defaultWindowCells = 24
	maxWindowCells     = 1000
)

// window is the offsets [start, end) a partition's lanes show. It is the same for every lane
// of the partition, so the lanes line up offset by offset and a lagging follower shows as a
// shorter lane.
type window struct {
	start, end int64
	cells      int
}

// partitionWindow keeps the newest cells offsets: end is the highest log end offset of any
// replica, start is end-cells but never before the lowest log start offset, so that a short
// log is drawn from its beginning.
func partitionWindow(pv *engine.PartitionView, cells int) window {
	if len(pv.ReplicaStates) == 0 {
		return window{cells: cells}
	}
	end, minStart := int64(0), pv.ReplicaStates[0].LogStartOffset
	for i := range pv.ReplicaStates {
		r := &pv.ReplicaStates[i]
		end = max(end, r.LogEndOffset)
		minStart = min(minStart, r.LogStartOffset)
	}
	start := max(minStart, end-int64(cells), 0)
	if start > end {
		start = end
	}
	return window{start: start, end: end, cells: cells}
}

// x is where an offset's cell starts on the track. Offsets outside the window are pinned to
// its edges, and clamped says so (the caller marks such markers with an arrow).
func (w window) x(offset int64) (x float64, clamped int) {
	switch {
	case offset < w.start:
		return 0, -1
	case offset > w.start+int64(w.cells):
		return float64(w.cells) * cellWidth, 1
	}
	return float64(offset-w.start) * cellWidth, 0
}

// blockWidth is the width of every partition block and of the scene.
func blockWidth(cells int) float64 { return trackX + float64(cells)*cellWidth + padRight }

// laneY is the top of the i-th lane of a block.
func laneY(i int) float64 { return headerHeight + float64(i)*laneHeight }

// CellsForWidth is how many records a lane can show in a container px wide without scrolling
// sideways, so the newest records are always in view. It never goes below 8 cells: on a
// narrow screen the container scrolls instead.
func CellsForWidth(px float64) int {
	return min(max(int((px-trackX-padRight)/cellWidth), 8), maxWindowCells)
}
