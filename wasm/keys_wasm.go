//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/web"
	"github.com/vugu/vugu"
)

// installShortcuts binds the global keys listed in web.Shortcuts. The listener decides
// synchronously whether a key is a shortcut (preventDefault must happen inside the event) and
// hands the work to a goroutine, because a JS callback must not block on the EventEnv lock.
func installShortcuts(app *web.App, ee vugu.EventEnv) {
	cb, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 0 {
			return nil
		}
		ev := args[0]
		key := str(ev, "key")
		if key == "" || flag(ev, "ctrlKey") || flag(ev, "metaKey") || flag(ev, "altKey") {
			return nil
		}
		target, _ := ev.Get("target")
		if !web.IsShortcut(key, tagName(target), editable(target)) {
			return nil
		}
		_, _ = ev.Call("preventDefault")
		go func() {
			ee.Lock()
			app.Key(key)
			ee.UnlockRender()
		}()
		return nil
	})
	if err != nil {
		return
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	_, _ = doc.Call("addEventListener", "keydown", cb.Value())
}

func str(v safejs.Value, prop string) string {
	p, err := v.Get(prop)
	if err != nil {
		return ""
	}
	s, _ := p.String()
	return s
}

func flag(v safejs.Value, prop string) bool {
	p, err := v.Get(prop)
	if err != nil {
		return false
	}
	b, _ := p.Bool()
	return b
}

func tagName(v safejs.Value) string {
	if v.IsUndefined() || v.IsNull() {
		return ""
	}
	return str(v, "tagName")
}

func editable(v safejs.Value) bool {
	if v.IsUndefined() || v.IsNull() {
		return false
	}
	return flag(v, "isContentEditable")
}
