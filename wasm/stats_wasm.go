//go:build js && wasm

package main

import (
	"time"

	"github.com/hack-pad/safejs"
)

// The page's own cost counters, in window.__kpl (boot.js creates it), for `make bench`: how
// often and how long the Vugu renders, the lanes draws and the engine's ticks took. A page
// without __kpl (it cannot happen with our boot.js) simply records nothing.

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// stats is window.__kpl, or ok=false.
func stats() (v safejs.Value, ok bool) {
	v, err := safejs.Global().Get("__kpl")
	return v, err == nil && !v.IsUndefined() && !v.IsNull()
}

func statAdd(s safejs.Value, name string, v float64) { _ = s.Set(name, readFloat(s, name)+v) }

func readFloat(v safejs.Value, name string) float64 {
	p, err := v.Get(name)
	if err != nil {
		return 0
	}
	f, _ := p.Float()
	return f
}

// publishRenderTiming counts a Vugu render: its build and DOM-sync times.
func publishRenderTiming(build, sync time.Duration) {
	s, ok := stats()
	if !ok {
		return
	}
	statAdd(s, "renders", 1)
	statAdd(s, "buildMsTotal", ms(build))
	statAdd(s, "syncMsTotal", ms(sync))
	_ = s.Set("buildMs", ms(build))
	_ = s.Set("syncMs", ms(sync))
}

// publishLanesTiming counts a lanes draw: building the scene and applying its diff.
func publishLanesTiming(build, draw time.Duration, nodes int) {
	s, ok := stats()
	if !ok {
		return
	}
	statAdd(s, "lanesDraws", 1)
	statAdd(s, "lanesBuildMsTotal", ms(build))
	statAdd(s, "lanesDrawMsTotal", ms(draw))
	_ = s.Set("lanesNodes", nodes)
}

// publishTickTiming counts the engine's share of the main thread.
func publishTickTiming(ticks int64, took time.Duration) {
	s, ok := stats()
	if !ok {
		return
	}
	statAdd(s, "ticks", float64(ticks))
	statAdd(s, "tickMsTotal", ms(took))
	_ = s.Set("tickMsMax", max(readFloat(s, "tickMsMax"), ms(took)))
}

// publishTiming records how long an action of the App took (App.Timing): a count, a total, the
// worst, and every figure in a list so that the benchmark can take quantiles.
func publishTiming(name string, took time.Duration) {
	s, ok := stats()
	if !ok {
		return
	}
	statAdd(s, name+"Count", 1)
	statAdd(s, name+"MsTotal", ms(took))
	_ = s.Set(name+"MsMax", max(readFloat(s, name+"MsMax"), ms(took)))
	list, err := s.Get(name + "MsAll")
	if err != nil || list.IsUndefined() {
		if list, err = safejs.ValueOf([]any{}); err != nil {
			return
		}
		_ = s.Set(name+"MsAll", list)
	}
	_, _ = list.Call("push", ms(took))
}
