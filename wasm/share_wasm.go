//go:build js && wasm

package main

import (
	"errors"

	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/web"
	"github.com/vugu/vugu"
)

// The browser side of links, exports and imports (web/share.go): the clipboard, downloads and
// the file picker. Each JS callback hands its work to a goroutine that takes the EventEnv lock,
// because a callback must not block on it.

// CopyText asks the clipboard to take text. The browser answers later (a promise), and may
// refuse (no permission, page not focused); the link is also shown in a box, so a refusal
// costs nothing.
func (browserHost) CopyText(text string) error {
	nav, err := safejs.Global().Get("navigator")
	if err != nil {
		return err
	}
	clip, err := nav.Get("clipboard")
	if err != nil || clip.IsUndefined() || clip.IsNull() {
		return errors.New("this browser has no clipboard API here")
	}
	p, err := clip.Call("writeText", text)
	if err != nil {
		return err
	}
	ignoreRejection(p)
	return nil
}

// ignoreRejection keeps a refused promise from showing up as an uncaught error in the console.
// Its callback is released once the promise settles either way.
func ignoreRejection(p safejs.Value) {
	var f safejs.Func
	f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		f.Release()
		return nil
	})
	if err == nil {
		_, _ = p.Call("then", f.Value(), f.Value())
	}
}

// Download offers content as a file: a Blob behind a temporary object URL and a link clicked
// on the learner's behalf.
func (browserHost) Download(name, mime, content string) error {
	parts, err := safejs.ValueOf([]any{content})
	if err != nil {
		return err
	}
	opts, err := safejs.ValueOf(map[string]any{"type": mime + ";charset=utf-8"})
	if err != nil {
		return err
	}
	blobCtor, err := safejs.Global().Get("Blob")
	if err != nil {
		return err
	}
	blob, err := blobCtor.New(parts, opts)
	if err != nil {
		return err
	}
	urlObj, err := safejs.Global().Get("URL")
	if err != nil {
		return err
	}
	href, err := urlObj.Call("createObjectURL", blob)
	if err != nil {
		return err
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	a, err := doc.Call("createElement", "a")
	if err != nil {
		return err
	}
	_ = a.Set("href", href)
	_ = a.Set("download", name)
	_ = a.Set("rel", "noopener")
	body, err := doc.Get("body")
	if err != nil {
		return err
	}
	if _, err := body.Call("appendChild", a); err != nil {
		return err
	}
	_, err = a.Call("click")
	_, _ = a.Call("remove")
	// The download has its own reference to the blob by now; revoking later frees it.
	revokeLater(urlObj, href)
	return err
}

func revokeLater(urlObj, href safejs.Value) {
	var f safejs.Func
	f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		_, _ = urlObj.Call("revokeObjectURL", href)
		f.Release()
		return nil
	})
	if err == nil {
		_, _ = safejs.Global().Call("setTimeout", f.Value(), 10000)
	}
}

// PickFile opens the browser's file picker; done gets the chosen file's text, under the lock.
// A picker closed without a choice calls nothing.
func (h browserHost) PickFile(accept string, done func(name, content string, err error)) {
	ee := h.frames.ee
	deliver := func(name, content string, err error) {
		go func() {
			ee.Lock()
			done(name, content, err)
			ee.UnlockRender()
		}()
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return
	}
	input, err := doc.Call("createElement", "input")
	if err != nil {
		return
	}
	_ = input.Set("type", "file")
	_ = input.Set("accept", accept)
	var onChange safejs.Func
	onChange, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		onChange.Release()
		readChosenFile(input, deliver)
		return nil
	})
	if err != nil {
		return
	}
	_, _ = input.Call("addEventListener", "change", onChange.Value())
	_, _ = input.Call("click")
}

// readChosenFile reads the first file of a file input as text (File.text(), a promise).
func readChosenFile(input safejs.Value, deliver func(name, content string, err error)) {
	files, err := input.Get("files")
	if err != nil {
		return
	}
	file, err := files.Index(0)
	if err != nil || file.IsUndefined() || file.IsNull() {
		return
	}
	name := str(file, "name")
	size, _ := file.Get("size")
	if n, err := size.Int(); err == nil && n > web.MaxImportBytes {
		deliver(name, "", errors.New("the file is too large for a session"))
		return
	}
	go func() { // File.text() is a promise, which only a goroutine of its own may wait for
		v, err := await(file.Call("text"))
		if err != nil {
			deliver(name, "", errors.New("the browser could not read the file"))
			return
		}
		content, _ := v.String()
		deliver(name, content, nil)
	}()
}

// watchFragment reopens a session link pasted into the address bar of an open page: only the
// fragment changes, so the page does not reload.
func watchFragment(app *web.App, ee vugu.EventEnv) {
	cb, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		frag := locationString("hash")
		go func() {
			ee.Lock()
			app.OpenFromFragment(frag)
			ee.UnlockRender()
		}()
		return nil
	})
	if err != nil {
		return
	}
	_, _ = safejs.Global().Call("addEventListener", "hashchange", cb.Value())
}
