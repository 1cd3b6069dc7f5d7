//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/web/lanes"
)

// lanesLayer draws lanes scenes into an element that Vugu leaves alone. All the deciding is
// done by lanes.Build and lanes.Diff on the Go side; this only turns operations into DOM calls,
// and makes as few of them as it can, because every call crosses the wasm boundary: elements
// are cloned from prototypes that already carry what a lane's cells share, style is one
// attribute on creation, new siblings are attached with one append call, an update touches
// only the fields that changed, and the children of a removed node are not removed one by one.
//
// Every method runs on the browser's event loop (from requestAnimationFrame or a DOM event),
// so the layer needs no lock: JavaScript never runs two of its callbacks at once.
type lanesLayer struct {
	// root is the element Vugu renders; it carries only our listeners and canvas. Vugu strips
	// the attributes it did not set (style too) from root on every render, so the scene is
	// drawn, and sized, in canvas, an element of our own inside it.
	root     safejs.Value
	canvas   safejs.Value
	doc      safejs.Value
	tooltip  safejs.Value
	tipStyle safejs.Value
	els      map[string]*laneEl
	prev     lanes.Scene
	w, h     float64 // the root's size as last set

	// Roving tab stops: in each lane one cell has tabindex 0, the newest unless the learner
	// moved along the lane with the arrow keys (then the stop stays where they left it, as
	// long as that record is still in the window).
	stops  map[string]string // parent key -> key of the cell with tabindex 0
	pinned map[string]bool
	fresh  map[string]bool // cells created with tabindex 0 in this draw

	// Flights created or redirected this frame: the browser must first draw them where they
	// start, so their transition is set on the next animation frame.
	pending      []string
	flightFrame  safejs.Func
	frameWaiting bool
	frameID      safejs.Value // of the requested frame, to cancel it on release

	protos  map[string]safejs.Value // prepared elements to clone, see clone
	appends []pendingAppend         // created elements not yet attached, in creation order

	funcs     []safejs.Func
	listeners []domListener
	onCell    func(key string, data map[string]string)
	tipKey    string // the cell whose label the tooltip shows
	focusKey  string // the cell that has keyboard focus, "" when none does
	refocus   string // the lane whose focused cell this draw removed
	setupErr  error
}

// laneEl is one drawn node: the element, its style object (fetched on the first update that
// needs it, then kept: most nodes are never restyled) and the node as last drawn.
type laneEl struct {
	v     safejs.Value
	style safejs.Value
	n     lanes.Node
}

func (e *laneEl) styleObj() (safejs.Value, error) {
	if e.style.IsUndefined() {
		st, err := e.v.Get("style")
		if err != nil {
			return st, err
		}
		e.style = st
	}
	return e.style, nil
}

type pendingAppend struct {
	parentKey string
	parent    safejs.Value
	el        safejs.Value
}

// maxProtos bounds the prototype cache; past it the cache starts again (the lanes of a long
// session come and go, and their prototypes with them).
const maxProtos = 1024

type domListener struct {
	typ string
	fn  safejs.Func
}

// tooltipMaxWidth is the tooltip's max-width in lanes.css.
const tooltipMaxWidth = 320

// lkAttr holds a focusable node's key on its element, so delegated listeners on the root can
// find the node an event is about.
const lkAttr = "data-lk"

// liveLayers are the layers made and not yet released. Vugu calls the mount callback of the
// lanes element (vg-js-create) on renders after the first too, with the same element: the
// layer already drawing into it must be the one that goes on drawing, or every render would
// stack one more copy of the scene into the element.
var liveLayers []*lanesLayer

// newLanesLayer takes over root, an empty element Vugu leaves alone, and returns the layer that
// draws into it: the existing one if root already has a layer. Layers whose element has left
// the document are released. A failure to install the keyboard, pointer or tooltip support is
// reported by the first draw; drawing itself still works without them.
func newLanesLayer(root safejs.Value) *lanesLayer {
	kept := liveLayers[:0]
	var same *lanesLayer
	for _, old := range liveLayers {
		switch {
		case old.root.Equal(root):
			same = old
			kept = append(kept, old)
		case !isConnected(old.root):
			old.releaseFuncs()
		default:
			kept = append(kept, old)
		}
	}
	clear(liveLayers[len(kept):])
	liveLayers = kept
	if same != nil {
		return same
	}
	l := &lanesLayer{root: root, els: map[string]*laneEl{}, stops: map[string]string{}, pinned: map[string]bool{},
		protos: map[string]safejs.Value{}, fresh: map[string]bool{}}
	liveLayers = append(liveLayers, l)
	_ = root.Set("textContent", "") // the layer owns root's children from now on
	var errs []error
	doc, err := safejs.Global().Get("document")
	if err != nil {
		l.setupErr = fmt.Errorf("lanes: no document: %w", err)
		return l
	}
	l.doc = doc
	if err := l.makeCanvas(); err != nil {
		l.setupErr = fmt.Errorf("lanes: cannot create the layer's element: %w", err)
		return l
	}
	if err := l.makeTooltip(); err != nil {
		errs = append(errs, err)
	}
	for _, h := range []struct {
		typ string
		fn  func(ev safejs.Value)
	}{
		{"keydown", l.onKeyDown},
		{"click", l.onClick},
		{"pointerover", l.onPointOrFocus},
		{"focusin", l.onFocusIn},
		{"pointerout", l.onLeave},
		{"focusout", l.onFocusOut},
	} {
		if err := l.listen(h.typ, h.fn); err != nil {
			errs = append(errs, err)
		}
	}
	ff, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		defer recoverTo("lanes flights")
		l.startFlights()
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	} else {
		l.flightFrame = ff
		l.funcs = append(l.funcs, ff)
	}
	if len(errs) > 0 {
		l.setupErr = fmt.Errorf("lanes: keyboard, pointer or animation support is missing: %w", errors.Join(errs...))
	}
	return l
}

// onCellEvent registers f for clicks (and Enter or Space) on record cells. f gets the cell's
// key and its data-* attributes. It runs in its own goroutine, so it may take the Vugu lock:
// a DOM event callback must never block.
func (l *lanesLayer) onCellEvent(f func(key string, data map[string]string)) { l.onCell = f }

// release removes the layer's listeners and frees the Go functions JavaScript held. The layer
// must not be used afterwards.
func (l *lanesLayer) release() {
	for i, x := range liveLayers {
		if x == l {
			liveLayers = append(liveLayers[:i], liveLayers[i+1:]...)
			break
		}
	}
	l.releaseFuncs()
}

func (l *lanesLayer) releaseFuncs() {
	for _, li := range l.listeners {
		_, _ = l.root.Call("removeEventListener", li.typ, li.fn.Value())
	}
	if l.frameWaiting {
		_, _ = safejs.Global().Call("cancelAnimationFrame", l.frameID)
	}
	for _, f := range l.funcs {
		f.Release()
	}
	l.listeners, l.funcs, l.pending, l.frameWaiting = nil, nil, nil, false
	l.flightFrame = safejs.Func{}
	l.els = map[string]*laneEl{}
	l.prev = lanes.Scene{}
}

func isConnected(el safejs.Value) bool {
	c, err := el.Get("isConnected")
	if err != nil {
		return false
	}
	b, err := c.Bool()
	return err == nil && b
}

// draw brings the DOM from the previous scene to next. If a DOM call fails, the layer clears
// itself and returns the error; the next draw then recreates everything from scratch.
func (l *lanesLayer) draw(next lanes.Scene) error {
	setupErr := l.setupErr
	l.setupErr = nil
	ops := lanes.Diff(l.prev, next)
	var removed map[string]bool
	for i := range ops {
		if ops[i].Kind == lanes.OpRemove {
			if removed == nil {
				removed = map[string]bool{}
			}
			removed[ops[i].Node.Key] = true
		}
	}
	stops := l.wantedStops(next)
	clear(l.fresh)
	for i := range ops {
		op := &ops[i]
		var err error
		switch op.Kind {
		case lanes.OpCreate:
			err = l.create(&op.Node, stops[op.Node.Parent] == op.Node.Key)
		case lanes.OpUpdate:
			err = l.update(&op.Node)
		case lanes.OpRemove:
			err = l.remove(&op.Node, removed[op.Node.Parent])
		}
		if err != nil {
			l.reset()
			return fmt.Errorf("lanes: %s %s: %w", op.Kind, op.Node.Key, err)
		}
	}
	if err := l.flushAppends(); err != nil {
		l.reset()
		return fmt.Errorf("lanes: attaching new nodes: %w", err)
	}
	l.prev = next
	if err := l.resize(next.W, next.H); err != nil {
		return err
	}
	if err := l.moveStops(stops, removed); err != nil {
		return err
	}
	l.keepFocus()
	if len(l.pending) > 0 && !l.frameWaiting && !l.flightFrame.Value().IsUndefined() {
		if id, err := safejs.Global().Call("requestAnimationFrame", l.flightFrame.Value()); err == nil {
			l.frameWaiting, l.frameID = true, id
		}
	}
	return setupErr
}

// reset forgets everything drawn, so that the next draw starts from an empty canvas.
func (l *lanesLayer) reset() {
	_ = l.canvas.Set("textContent", "")
	if !l.tooltip.IsUndefined() {
		_, _ = l.canvas.Call("appendChild", l.tooltip)
	}
	l.els = map[string]*laneEl{}
	l.prev = lanes.Scene{}
	l.stops, l.pinned = map[string]string{}, map[string]bool{}
	l.pending, l.tipKey, l.appends, l.focusKey, l.refocus = nil, "", nil, "", ""
	l.w, l.h = 0, 0
}

func (l *lanesLayer) parentOf(n *lanes.Node) (safejs.Value, error) {
	if n.Parent == "" {
		if l.canvas.IsUndefined() {
			return l.canvas, errors.New("the layer has no element to draw into")
		}
		return l.canvas, nil
	}
	p, ok := l.els[n.Parent]
	if !ok {
		return safejs.Value{}, fmt.Errorf("parent %s is not drawn", n.Parent)
	}
	return p.v, nil
}

// create makes a node's element: a clone of a prepared prototype, then one call per field the
// prototype does not already have. stop says it is its lane's tab stop. The element is
// attached later, with its siblings, by flushAppends.
func (l *lanesLayer) create(n *lanes.Node, stop bool) error {
	parent, err := l.parentOf(n)
	if err != nil {
		return err
	}
	el, fromProto, err := l.clone(n)
	if err != nil {
		return err
	}
	if !fromProto {
		if err := el.Set("className", n.Class); err != nil {
			return err
		}
	}
	if err := setAttr(el, "style", "transform:"+translate(n.X, n.Y)+";width:"+px(n.W)+";height:"+px(n.H)); err != nil {
		return err
	}
	if n.Text != "" {
		if err := el.Set("textContent", n.Text); err != nil {
			return err
		}
	}
	if n.Label != "" {
		if err := setAttr(el, "aria-label", n.Label); err != nil {
			return err
		}
		if hasTitle(n) {
			if err := setAttr(el, "title", n.Label); err != nil {
				return err
			}
		}
	}
	for _, d := range n.Data {
		if fromProto && !perNodeData(n, d[0]) {
			continue
		}
		if err := setAttr(el, "data-"+d[0], d[1]); err != nil {
			return err
		}
	}
	if n.Focusable {
		if err := setAttr(el, lkAttr, n.Key); err != nil {
			return err
		}
		if stop {
			if err := setAttr(el, "tabindex", "0"); err != nil {
				return err
			}
			l.fresh[n.Key] = true
		}
	}
	l.appends = append(l.appends, pendingAppend{parentKey: n.Parent, parent: parent, el: el})
	l.els[n.Key] = &laneEl{v: el, n: *n}
	if isFlight(n) {
		l.pending = append(l.pending, n.Key)
	}
	return nil
}

// flushAppends attaches the elements created in this draw, one append call per run of
// siblings: the window of a lane gains several records at once, and the first draw thousands.
func (l *lanesLayer) flushAppends() error {
	defer func() { l.appends = l.appends[:0] }()
	for i := 0; i < len(l.appends); {
		j := i + 1
		for j < len(l.appends) && l.appends[j].parentKey == l.appends[i].parentKey {
			j++
		}
		els := make([]any, 0, j-i)
		for _, a := range l.appends[i:j] {
			els = append(els, a.el)
		}
		if _, err := l.appends[i].parent.Call("append", els...); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// perNodeData says which data attribute of a record cell differs from cell to cell in a
// lane: the offset. The others (broker, partition) are in the cell's prototype.
func perNodeData(n *lanes.Node, name string) bool { return !n.Focusable || name == "offset" }

// clone returns a fresh element from a prototype that has the node's role and, if it is
// focusable, tabindex -1. A record cell's prototype also has its class and the data its lane
// shares (fromProto is then true): a cell is created with four fewer calls that way, and
// cells are most of what a frame creates.
func (l *lanesLayer) clone(n *lanes.Node) (el safejs.Value, fromProto bool, err error) {
	var sb strings.Builder
	sb.WriteString(n.Role)
	if n.Focusable {
		sb.WriteString("\x00")
		sb.WriteString(n.Class)
		for _, d := range n.Data {
			if !perNodeData(n, d[0]) {
				sb.WriteString("\x00")
				sb.WriteString(d[0])
				sb.WriteString("=")
				sb.WriteString(d[1])
			}
		}
	}
	key := sb.String()
	proto, ok := l.protos[key]
	if !ok {
		if proto, err = l.makeProto(n); err != nil {
			return proto, false, err
		}
		if len(l.protos) >= maxProtos {
			clear(l.protos)
		}
		l.protos[key] = proto
	}
	el, err = proto.Call("cloneNode", false)
	return el, n.Focusable, err
}

func (l *lanesLayer) makeProto(n *lanes.Node) (safejs.Value, error) {
	p, err := l.doc.Call("createElement", "div")
	if err != nil {
		return p, err
	}
	var errs []error
	if n.Role != "" {
		errs = append(errs, setAttr(p, "role", n.Role))
	}
	if n.Focusable {
		errs = append(errs, setAttr(p, "tabindex", "-1"), p.Set("className", n.Class))
		for _, d := range n.Data {
			if !perNodeData(n, d[0]) {
				errs = append(errs, setAttr(p, "data-"+d[0], d[1]))
			}
		}
	}
	return p, errors.Join(errs...)
}

func (l *lanesLayer) update(n *lanes.Node) error {
	e, ok := l.els[n.Key]
	if !ok {
		return l.create(n, false) // not drawn (after a reset): draw it now
	}
	o := &e.n
	el := e.v
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if o.Parent != n.Parent {
		parent, err := l.parentOf(n)
		if err != nil {
			return err
		}
		_, err = parent.Call("appendChild", el)
		add(err)
	}
	if o.Class != n.Class {
		add(el.Set("className", n.Class))
	}
	moved := o.X != n.X || o.Y != n.Y
	if isFlight(n) {
		// A flight already on its way keeps going: resetting its transform each tick would
		// make it stutter. Only a new destination restarts it from where the scene says it is.
		moved = o.ToX != n.ToX || o.ToY != n.ToY
	}
	if moved || o.W != n.W || o.H != n.H {
		style, err := e.styleObj()
		if err != nil {
			return err
		}
		if moved && isFlight(n) {
			add(style.Set("transition", "none"))
			l.pending = append(l.pending, n.Key)
		}
		if moved {
			add(style.Set("transform", translate(n.X, n.Y)))
		}
		if o.W != n.W {
			add(style.Set("width", px(n.W)))
		}
		if o.H != n.H {
			add(style.Set("height", px(n.H)))
		}
	}
	if o.Text != n.Text {
		add(el.Set("textContent", n.Text))
	}
	if o.Label != n.Label {
		add(setOrRemove(el, "aria-label", n.Label))
		if l.tipKey == n.Key {
			add(l.tooltip.Set("textContent", n.Label))
		}
	}
	if oldTitle, newTitle := titleOf(o), titleOf(n); oldTitle != newTitle {
		add(setOrRemove(el, "title", newTitle))
	}
	if o.Role != n.Role {
		add(setOrRemove(el, "role", n.Role))
	}
	if !sameData(o.Data, n.Data) {
		for _, d := range o.Data {
			if !hasData(n.Data, d[0]) {
				_, err := el.Call("removeAttribute", "data-"+d[0])
				add(err)
			}
		}
		for _, d := range n.Data {
			if !slices.Contains(o.Data, d) {
				add(setAttr(el, "data-"+d[0], d[1]))
			}
		}
	}
	if o.Focusable != n.Focusable {
		if n.Focusable {
			add(setAttr(el, "tabindex", "-1"))
			add(setAttr(el, lkAttr, n.Key))
		} else {
			_, err := el.Call("removeAttribute", "tabindex")
			add(err)
			_, err = el.Call("removeAttribute", lkAttr)
			add(err)
		}
	}
	e.n = *n
	return errors.Join(errs...)
}

// remove takes a node out. When its parent goes in the same diff (children come first), only
// the bookkeeping is needed: removing the parent takes the whole subtree out of the DOM.
func (l *lanesLayer) remove(n *lanes.Node, parentGoes bool) error {
	e, ok := l.els[n.Key]
	if !ok {
		return nil
	}
	delete(l.els, n.Key)
	if l.tipKey == n.Key {
		l.hideTooltip()
	}
	if l.focusKey == n.Key {
		l.focusKey, l.refocus = "", n.Parent
	}
	if parentGoes {
		return nil
	}
	_, err := e.v.Call("remove")
	return err
}

func (l *lanesLayer) resize(w, h float64) error {
	if w == l.w && h == l.h {
		return nil
	}
	style, err := l.canvas.Get("style")
	if err != nil {
		return err
	}
	if err := firstErr(style.Set("width", px(w)), style.Set("height", px(h))); err != nil {
		return err
	}
	l.w, l.h = w, h
	return nil
}

// startFlights runs one animation frame after flights were created or redirected: the browser
// has drawn them at their start, so setting the transition and the destination now animates.
func (l *lanesLayer) startFlights() {
	l.frameWaiting = false
	pending := l.pending
	l.pending = nil
	for _, k := range pending {
		e, ok := l.els[k]
		if !ok {
			continue // landed (removed) before it could start
		}
		n := &e.n
		style, err := e.styleObj()
		if err != nil {
			continue
		}
		if n.DurMs > 0 {
			_ = style.Set("transition", "transform "+strconv.FormatFloat(math.Round(n.DurMs), 'f', -1, 64)+"ms linear")
		} else {
			_ = style.Set("transition", "none")
		}
		_ = style.Set("transform", translate(n.ToX, n.ToY))
	}
}

// wantedStops picks each lane's tab stop in the scene about to be drawn: the newest cell, or
// the one the learner moved to with the arrow keys while that record is still in the window.
func (l *lanesLayer) wantedStops(s lanes.Scene) map[string]string {
	want := map[string]string{}
	keep := map[string]bool{}
	for i := range s.Nodes {
		n := &s.Nodes[i]
		if !n.Focusable {
			continue
		}
		want[n.Parent] = n.Key
		if l.pinned[n.Parent] && l.stops[n.Parent] == n.Key {
			keep[n.Parent] = true
		}
	}
	for parent := range keep {
		want[parent] = l.stops[parent]
	}
	return want
}

// moveStops gives tabindex 0 to the wanted stops that do not have it yet (a cell created this
// draw got it at creation) and -1 back to the cells that had it.
func (l *lanesLayer) moveStops(want map[string]string, removed map[string]bool) error {
	var errs []error
	for parent, key := range want {
		cur, has := l.stops[parent]
		if has && cur == key {
			continue
		}
		if has && !removed[cur] {
			if e, ok := l.els[cur]; ok {
				errs = append(errs, setAttr(e.v, "tabindex", "-1"))
			}
		}
		if e, ok := l.els[key]; ok && !l.fresh[key] { // a cell created this draw has it already
			errs = append(errs, setAttr(e.v, "tabindex", "0"))
		}
		l.stops[parent] = key
	}
	for parent := range l.stops {
		if _, ok := want[parent]; !ok {
			delete(l.stops, parent)
			delete(l.pinned, parent)
		}
	}
	for parent := range l.pinned {
		if want[parent] != l.stops[parent] {
			delete(l.pinned, parent)
		}
	}
	return errors.Join(errs...)
}

func (l *lanesLayer) moveStop(parent, key string) error {
	var errs []error
	if cur, ok := l.stops[parent]; ok && cur != key {
		if e, ok := l.els[cur]; ok {
			errs = append(errs, setAttr(e.v, "tabindex", "-1"))
		}
	}
	if e, ok := l.els[key]; ok {
		errs = append(errs, setAttr(e.v, "tabindex", "0"))
	}
	l.stops[parent] = key
	return errors.Join(errs...)
}

// keepFocus gives focus back to the lane when the window slid past the cell that had it, so a
// keyboard user does not find themselves back at the top of the page.
func (l *lanesLayer) keepFocus() {
	parent := l.refocus
	l.refocus = ""
	if parent == "" {
		return
	}
	if e, ok := l.els[l.stops[parent]]; ok {
		_, _ = e.v.Call("focus")
	}
}

// listen adds one delegated listener on the root.
func (l *lanesLayer) listen(typ string, h func(ev safejs.Value)) error {
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer recoverTo("lanes " + typ + " handler")
		if len(args) > 0 {
			h(args[0])
		}
		return nil
	})
	if err != nil {
		return err
	}
	l.funcs = append(l.funcs, fn)
	if _, err := l.root.Call("addEventListener", typ, fn.Value()); err != nil {
		return err
	}
	l.listeners = append(l.listeners, domListener{typ: typ, fn: fn})
	return nil
}

// cellOf finds the drawn focusable node an event is about, from its target.
func (l *lanesLayer) cellOf(ev safejs.Value) (string, *laneEl) {
	target, err := ev.Get("target")
	if err != nil || target.IsNull() || target.IsUndefined() {
		return "", nil
	}
	k, err := target.Call("getAttribute", lkAttr)
	if err != nil || k.IsNull() {
		return "", nil
	}
	key, err := k.String()
	if err != nil {
		return "", nil
	}
	e, ok := l.els[key]
	if !ok {
		return "", nil
	}
	return key, e
}

// onKeyDown moves focus along a lane (ArrowLeft, ArrowRight, Home, End) and treats Enter and
// Space on a cell as a click.
func (l *lanesLayer) onKeyDown(ev safejs.Value) {
	kv, err := ev.Get("key")
	if err != nil {
		return
	}
	k, _ := kv.String()
	if k != "ArrowLeft" && k != "ArrowRight" && k != "Home" && k != "End" && k != "Enter" && k != " " {
		return
	}
	key, e := l.cellOf(ev)
	if e == nil {
		return
	}
	if k == "Enter" || k == " " {
		_, _ = ev.Call("preventDefault")
		l.fireCell(key, e)
		return
	}
	var lane []string
	at := -1
	for i := range l.prev.Nodes {
		n := &l.prev.Nodes[i]
		if n.Focusable && n.Parent == e.n.Parent {
			if n.Key == key {
				at = len(lane)
			}
			lane = append(lane, n.Key)
		}
	}
	if at < 0 {
		return
	}
	to := at
	switch k {
	case "ArrowLeft":
		to = max(at-1, 0)
	case "ArrowRight":
		to = min(at+1, len(lane)-1)
	case "Home":
		to = 0
	case "End":
		to = len(lane) - 1
	}
	_, _ = ev.Call("preventDefault") // the arrows would scroll the container as well
	if to == at {
		return
	}
	dst, ok := l.els[lane[to]]
	if !ok {
		return
	}
	_ = l.moveStop(e.n.Parent, lane[to])
	l.pinned[e.n.Parent] = true
	_, _ = dst.v.Call("focus")
}

func (l *lanesLayer) onClick(ev safejs.Value) {
	if key, e := l.cellOf(ev); e != nil {
		l.fireCell(key, e)
	}
}

func (l *lanesLayer) fireCell(key string, e *laneEl) {
	if l.onCell == nil {
		return
	}
	data := make(map[string]string, len(e.n.Data))
	for _, d := range e.n.Data {
		data[d[0]] = d[1]
	}
	f := l.onCell
	go func() {
		defer recoverTo("lanes cell handler")
		f(key, data)
	}()
}

// recoverTo keeps a panic in a callback from killing the page: a Go panic that escapes a
// JavaScript callback ends the whole program. It is reported on the console instead.
func recoverTo(where string) {
	if p := recover(); p != nil {
		if c, err := safejs.Global().Get("console"); err == nil {
			_, _ = c.Call("error", fmt.Sprintf("%s: panic: %v", where, p))
		}
	}
}

// makeCanvas creates the element everything is drawn into. It is in the normal flow (see
// lanes.css), so its size is what the scroll container scrolls.
func (l *lanesLayer) makeCanvas() error {
	c, err := l.doc.Call("createElement", "div")
	if err != nil {
		return err
	}
	if err := c.Set("className", "lanes-canvas"); err != nil {
		return err
	}
	if _, err := l.root.Call("appendChild", c); err != nil {
		return err
	}
	l.canvas = c
	return nil
}

// makeTooltip creates the one tooltip element. It is aria-hidden: the cells carry the same
// text as their aria-label, and a screen reader should not hear it twice.
func (l *lanesLayer) makeTooltip() error {
	t, err := l.doc.Call("createElement", "div")
	if err != nil {
		return err
	}
	if err := firstErr(t.Set("className", "lanes-tooltip"), setAttr(t, "aria-hidden", "true"), t.Set("hidden", true)); err != nil {
		return err
	}
	style, err := t.Get("style")
	if err != nil {
		return err
	}
	if _, err := l.canvas.Call("appendChild", t); err != nil {
		return err
	}
	l.tooltip, l.tipStyle = t, style
	return nil
}

// onPointOrFocus shows the tooltip under the cell the pointer is over or that has focus. Its
// place comes from the scene's own geometry, summed up the parent chain: nothing is measured.
func (l *lanesLayer) onPointOrFocus(ev safejs.Value) {
	key, e := l.cellOf(ev)
	if e == nil || l.tooltip.IsUndefined() || key == l.tipKey {
		return
	}
	x, y := 0.0, e.n.H+4
	for p := e; p != nil; {
		x += p.n.X
		y += p.n.Y
		if p.n.Parent == "" {
			break
		}
		p = l.els[p.n.Parent]
	}
	x = max(0, min(x, l.w-tooltipMaxWidth)) // stay inside the layer: never widen its scroll area
	l.tipKey = key
	_ = firstErr(
		l.tooltip.Set("textContent", e.n.Label),
		l.tipStyle.Set("transform", translate(x, y)),
		l.tooltip.Set("hidden", false),
	)
}

func (l *lanesLayer) onFocusIn(ev safejs.Value) {
	if key, e := l.cellOf(ev); e != nil {
		l.focusKey = key
	}
	l.onPointOrFocus(ev)
}

func (l *lanesLayer) onFocusOut(ev safejs.Value) {
	if key, e := l.cellOf(ev); e != nil && key == l.focusKey {
		l.focusKey = ""
	}
	l.onLeave(ev)
}

func (l *lanesLayer) onLeave(ev safejs.Value) {
	if key, e := l.cellOf(ev); e != nil && key == l.tipKey {
		l.hideTooltip()
	}
}

func (l *lanesLayer) hideTooltip() {
	l.tipKey = ""
	if !l.tooltip.IsUndefined() {
		_ = l.tooltip.Set("hidden", true)
	}
}

// titleOf is the native tooltip of a node. Cells get none: the layer's own tooltip shows
// their label, and a native one would show the same text a second time. Flights get none
// either: they ignore the pointer.
func titleOf(n *lanes.Node) string {
	if n.Focusable || isFlight(n) {
		return ""
	}
	return n.Label
}

func hasTitle(n *lanes.Node) bool { return titleOf(n) != "" }

func setAttr(el safejs.Value, name, value string) error {
	_, err := el.Call("setAttribute", name, value)
	return err
}

func setOrRemove(el safejs.Value, name, value string) error {
	if value == "" {
		_, err := el.Call("removeAttribute", name)
		return err
	}
	return setAttr(el, name, value)
}

// isFlight says whether a node moves: only flights have a destination.
func isFlight(n *lanes.Node) bool { return n.ToX != 0 || n.ToY != 0 || n.DurMs != 0 }

func sameData(a, b [][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func hasData(d [][2]string, name string) bool {
	for _, x := range d {
		if x[0] == name {
			return true
		}
	}
	return false
}

// px formats a length; positions are rounded to hundredths so flights do not write
// seventeen-digit numbers into the style.
func px(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) + "px"
}

func translate(x, y float64) string {
	var sb strings.Builder
	sb.WriteString("translate(")
	sb.WriteString(px(x))
	sb.WriteByte(',')
	sb.WriteString(px(y))
	sb.WriteByte(')')
	return sb.String()
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// containerWidth is the width of the scrolling box around the layer, to size the window of
// records to it; 0 when it cannot be read.
func (l *lanesLayer) containerWidth() float64 {
	parent, err := l.root.Get("parentElement")
	if err != nil || parent.IsNull() || parent.IsUndefined() {
		return 0
	}
	w, err := parent.Get("clientWidth")
	if err != nil {
		return 0
	}
	px, _ := w.Float()
	return px
}
