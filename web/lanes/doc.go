// Package lanes turns an engine.View into the picture of the replica logs: one block per
// partition, one lane per replica, one cell per record in a window, markers for log start,
// high watermark, log end offset and consumer positions, and the messages in flight between
// the lanes.
//
// It exists because Vugu re-renders and re-syncs the whole page on every update (about 60 ms
// at 1,000 rows), while a partition log can hold 10,000 records and the lanes animate every
// frame. So the logs are drawn into a DOM subtree that the browser side (wasm/lanes_wasm.go)
// owns, and updated by keyed diffs: Build describes the whole scene as plain data, Diff says
// which nodes to create, update and remove. Everything that decides what to draw lives here
// and is tested on the host; the browser side only executes the operations.
//
// A scene is a flat list of absolutely positioned nodes with fixed geometry, so nothing is
// ever measured in the browser: layout is arithmetic, and the same View and Options always
// give the same Scene.
package lanes
