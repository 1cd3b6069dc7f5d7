//go:build js && wasm

package main

import (
	"reflect"
	"runtime/debug"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/web"
	"github.com/kafka-playground/playground/web/lanes"
	"github.com/vugu/vugu"
)

// frameLoop draws the lanes layer from requestAnimationFrame. It redraws only when the session
// or the lanes options changed, so an idle page costs nothing per frame. It reads the app under
// the read lock: rAF callbacks run on the JS thread between Go's goroutine slices, never in the
// middle of a state change, and a render only holds the read lock.
type frameLoop struct {
	app   *web.App
	ee    vugu.EventEnv
	layer *lanesLayer
	cb    safejs.Func

	drawnVersion uint64
	drawnOpts    lanes.Options
	reduced      bool

	console, events  *listView
	consoleCursor    web.ConsoleCursor
	eventCursor      web.EventCursor
	listsVersion     uint64
	listsEventFilter string
	clockText        string
}

// mountList takes over the console's or the event log's list element.
// It is called on every render (see mount); the same element keeps what is drawn.
func (f *frameLoop) mountList(name string, el safejs.Value) {
	switch {
	case name == "console" && (f.console == nil || !f.console.el.Equal(el)):
		f.console, f.consoleCursor = &listView{el: el, max: web.MaxConsoleRows}, web.ConsoleCursor{}
	case name == "events" && (f.events == nil || !f.events.el.Equal(el)):
		f.events, f.eventCursor = &listView{el: el, newestFirst: true, max: web.MaxEventRows}, web.EventCursor{}
	default:
		return
	}
	f.listsVersion = 0
}

// drawClock keeps the simulated time display current between panel renders (Vugu renders the
// same text, so the two never disagree for long).
func (f *frameLoop) drawClock() {
	f.ee.RLock()
	text := f.app.TimeText()
	f.ee.RUnlock()
	if text == f.clockText {
		return
	}
	if el := byID("sim-time"); !el.IsUndefined() && !el.IsNull() {
		if el.Set("textContent", text) == nil {
			f.clockText = text
		}
	}
}

// drawLists adds what is new to the console and the event log.
func (f *frameLoop) drawLists() error {
	f.ee.RLock()
	ver, filter := f.app.S.Version(), f.app.EventFilter
	if ver == f.listsVersion && filter == f.listsEventFilter {
		f.ee.RUnlock()
		return nil
	}
	var con, ev web.Feed
	if f.console != nil {
		con = f.app.ConsoleFeed(&f.consoleCursor)
	}
	if f.events != nil {
		ev = f.app.EventFeed(&f.eventCursor)
	}
	f.ee.RUnlock()
	f.listsVersion, f.listsEventFilter = ver, filter
	if f.console != nil && (con.Reset || con.HTML != "") {
		follow := atBottom("console-output")
		if err := f.console.apply(con); err != nil {
			return err
		}
		if follow {
			scrollToBottom("console-output")
		}
	}
	if f.events != nil && (ev.Reset || ev.HTML != "") {
		return f.events.apply(ev)
	}
	return nil
}

// mount is called by Vugu's vg-js-create on every render, with the same element while the
// panel stays on the page: only a new element means drawing from scratch.
func (f *frameLoop) mount(el safejs.Value) {
	l := newLanesLayer(el)
	if l != f.layer {
		f.layer, f.drawnVersion = l, 0
	}
}

func (f *frameLoop) start() {
	f.reduced = prefersReducedMotion()
	cb, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		f.frame()
		requestFrame(f.cb)
		return nil
	})
	if err != nil {
		return
	}
	f.cb = cb
	requestFrame(cb)
}

func (f *frameLoop) frame() {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			go func() {
				f.ee.Lock()
				f.app.Recovered(p, stack)
				f.ee.UnlockRender()
			}()
		}
	}()
	if err := f.drawLists(); err != nil {
		panic(err)
	}
	f.drawClock()
	if f.layer == nil {
		return
	}
	width := f.layer.containerWidth()
	f.ee.RLock()
	ver := f.app.S.Version()
	opts := f.app.LanesOptions(f.reduced, width)
	if ver == f.drawnVersion && reflect.DeepEqual(opts, f.drawnOpts) {
		f.ee.RUnlock()
		return
	}
	start := time.Now()
	scene := lanes.Build(f.app.S.View(), opts)
	f.ee.RUnlock()
	built := time.Now()
	f.drawnVersion, f.drawnOpts = ver, opts
	if err := f.layer.draw(scene); err != nil {
		panic(err)
	}
	publishLanesTiming(built.Sub(start), time.Since(built), len(scene.Nodes))
}

func requestFrame(cb safejs.Func) {
	_, _ = safejs.Global().Call("requestAnimationFrame", cb.Value())
}

func prefersReducedMotion() bool {
	mq, err := safejs.Global().Call("matchMedia", "(prefers-reduced-motion: reduce)")
	if err != nil {
		return false
	}
	m, err := mq.Get("matches")
	if err != nil {
		return false
	}
	b, _ := m.Bool()
	return b
}
