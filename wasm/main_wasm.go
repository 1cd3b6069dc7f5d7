//go:build js && wasm

// Command wasm is the browser entry point: it mounts the Vugu UI, runs the clock and draws the
// lanes layer. It is the only place that talks to JavaScript, through safejs.
package main

import (
	"fmt"
	"net/url"
	"runtime/debug"
	"strconv"
	sjs "syscall/js"
	"time"

	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/web"
	"github.com/vugu/vugu"
	"github.com/vugu/vugu/domrender"
	"github.com/vugu/vugu/js"
)

// renderIntervalMs bounds how often the clock asks Vugu for a render. Vugu re-syncs the whole
// page each time (20-40 ms in Chromium for this page: every attribute and listener is set
// again), so while the clock runs the panels update twice a second, which keeps those long
// frames under 5% of all frames. The lanes, the console, the event log and the clock display
// are drawn every frame, outside Vugu, and a click or a key still renders at once.
const renderIntervalMs = 500

func main() {
	installTopicPattern()
	cfg, debugOn := configFromURL()
	app, err := web.NewApp(cfg)
	if err != nil {
		fatal(err)
		return
	}
	app.S.Debug = debugOn
	renderer, err := domrender.New("#vugu_mount_point")
	if err != nil {
		fatal(err)
		return
	}
	defer renderer.Release()
	ee := renderer.EventEnv()
	buildEnv, err := vugu.NewBuildEnv(ee)
	if err != nil {
		fatal(err)
		return
	}
	frames := &frameLoop{app: app, ee: ee}
	root := &web.Root{App: app, LanesMount: func(el js.Value) {
		frames.mount(safejs.Safe(sjs.Value(el))) /* vugu/js.Value is syscall/js.Value under another name */
	}}
	app.Host = browserHost{frames: frames}
	app.Timing = publishTiming
	app.Lesson.BaseURL = pageBaseURL()
	if app.OpenFromFragment(locationString("hash")) { // #session=…: a shared session
		app.LoadProgress()
	} else {
		app.RestoreLessons(pageQuery()) // ?lesson=…&step=…&classroom=1, or the lesson open before a reload
	}
	watchFragment(app, ee)
	installShortcuts(app, ee)
	go runClock(app, ee)
	frames.start()

	first := true
	for ok := true; ok; ok = renderer.EventWait() {
		if err := renderOnce(renderer, buildEnv, root); err != nil {
			ee.Lock()
			app.Recovered(err, "")
			ee.UnlockOnly()
			if err := renderOnce(renderer, buildEnv, root); err != nil {
				fatal(err) // the banner itself cannot be drawn: say so in plain DOM
			}
		}
		if first {
			first = false
			markReady()
		}
	}
}

// renderOnce builds and syncs the page, turning a panic in a template method into an error:
// the page then shows the banner instead of dying.
func renderOnce(r *domrender.JSRenderer, env *vugu.BuildEnv, root *web.Root) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("render: %v", p)
		}
	}()
	start := time.Now()
	res := env.RunBuild(root)
	built := time.Now()
	err = r.Render(res)
	publishRenderTiming(built.Sub(start), time.Since(built))
	return err
}

// atBottom says whether an element is scrolled to its end, so that new output keeps it there
// without yanking a reader who scrolled up.
func atBottom(id string) bool {
	el := byID(id)
	if el.IsUndefined() || el.IsNull() {
		return true
	}
	top, _ := el.Get("scrollTop")
	h, _ := el.Get("clientHeight")
	sh, _ := el.Get("scrollHeight")
	t, _ := top.Float()
	hh, _ := h.Float()
	s, _ := sh.Float()
	return t+hh >= s-8
}

func scrollToBottom(id string) {
	el := byID(id)
	if el.IsUndefined() || el.IsNull() {
		return
	}
	if sh, err := el.Get("scrollHeight"); err == nil {
		_ = el.Set("scrollTop", sh)
	}
}

func byID(id string) safejs.Value {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return safejs.Undefined()
	}
	el, err := doc.Call("getElementById", id)
	if err != nil {
		return safejs.Undefined()
	}
	return el
}

// configFromURL reads ?seed=N&brokers=N&debug=1. Bad values are ignored (the defaults are used)
// and reported in the console rather than breaking the page.
func configFromURL() (engine.Config, bool) {
	cfg := engine.DefaultConfig()
	href, err := safejs.Global().Get("location")
	if err != nil {
		return cfg, false
	}
	s, err := href.Get("search")
	if err != nil {
		return cfg, false
	}
	raw, err := s.String()
	if err != nil {
		return cfg, false
	}
	q, err := url.ParseQuery(trimQuestion(raw))
	if err != nil {
		return cfg, false
	}
	if v := q.Get("seed"); v != "" {
		if n, err := strconv.ParseUint(v, 10, 64); err == nil {
			cfg.Seed = n
		}
	}
	if v := q.Get("brokers"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 12 {
			cfg.Brokers = n
		}
	}
	return cfg, q.Get("debug") == "1"
}

func trimQuestion(s string) string {
	if len(s) > 0 && s[0] == '?' {
		return s[1:]
	}
	return s
}

// runClock advances the simulation while playing and asks for panel renders at most every
// renderIntervalMs. It holds the EventEnv lock only while changing state, never across a sleep.
func runClock(app *web.App, ee vugu.EventEnv) {
	defer func() {
		if p := recover(); p != nil { // keep the clock alive whatever happens
			stack := string(debug.Stack())
			ee.Lock()
			app.Recovered(p, stack)
			ee.UnlockRender()
			go runClock(app, ee)
		}
	}()
	last := time.Now()
	var lastRender time.Time
	pending := false
	for {
		time.Sleep(16 * time.Millisecond)
		ee.Lock()
		now := time.Now()
		if n := app.Tick(float64(now.Sub(last).Microseconds()) / 1000); n > 0 {
			pending = true
			publishTickTiming(n, time.Since(now))
		}
		last = now
		soon := app.TakeRenderSoon() // a lesson's goal was just reached: show it now
		if pending && (soon || now.Sub(lastRender) >= renderIntervalMs*time.Millisecond) {
			pending, lastRender = false, now
			ee.UnlockRender()
			continue
		}
		ee.UnlockOnly()
	}
}

// fatal replaces the page with a message when the app cannot start at all.
func fatal(err error) {
	doc, e := safejs.Global().Get("document")
	if e != nil {
		return
	}
	el, e := doc.Call("getElementById", "vugu_mount_point")
	if e != nil || el.IsNull() {
		return
	}
	_ = el.Set("textContent", "The playground could not start: "+err.Error())
}

func markReady() {
	if perf, err := safejs.Global().Get("performance"); err == nil {
		_, _ = perf.Call("mark", "first-render")
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	body, err := doc.Get("body")
	if err != nil {
		return
	}
	if ds, err := body.Get("dataset"); err == nil {
		_ = ds.Set("ready", "1")
	}
}

// browserHost is what components may ask of the page.
type browserHost struct{ frames *frameLoop }

func (h browserHost) MountList(name string, el js.Value) {
	h.frames.mountList(name, safejs.Safe(sjs.Value(el)))
}

func (browserHost) FocusCommand() {
	if el := byID("command"); !el.IsUndefined() && !el.IsNull() {
		_, _ = el.Call("focus")
	}
}
