//go:build js && wasm

package main

import (
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"
)

// Session links are raw DEFLATE (engine/session/link.go). The browser has it built in, as
// CompressionStream and DecompressionStream with the "deflate-raw" format, so the wasm build
// leaves Go's compress/flate out: about 24 KB of the compressed download.

// Deflate compresses data with the browser's CompressionStream.
func (h browserHost) Deflate(data []byte, done func([]byte, error)) {
	h.later(func() ([]byte, error) { return streamThrough("CompressionStream", data, -1) }, done)
}

// Inflate decompresses with the browser's DecompressionStream, which refuses a stream that is
// corrupt, cut short or followed by more bytes. It stops reading after max+1 bytes of output,
// so a DEFLATE bomb costs no more than a real link.
func (h browserHost) Inflate(deflated []byte, max int, done func([]byte, error)) {
	h.later(func() ([]byte, error) { return streamThrough("DecompressionStream", deflated, max) }, done)
}

// later runs work in a goroutine of its own, because it waits for promises and a JS callback
// must not, and hands the result to done under the EventEnv lock.
func (h browserHost) later(work func() ([]byte, error), done func([]byte, error)) {
	ee := h.frames.ee
	go func() {
		out, err := work()
		ee.Lock()
		defer ee.UnlockRender()
		done(out, err)
	}()
}

// streamThrough pipes data through a new transform stream (CompressionStream or
// DecompressionStream, "deflate-raw") and reads its output, at most max+1 bytes of it when max
// is not negative. Whatever the browser throws becomes an error: a panic here would take the
// page down with it.
func streamThrough(transform string, data []byte, max int) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s failed: %v", transform, r)
		}
	}()
	g := safejs.Global()
	ctor, err := g.Get(transform)
	if err != nil || ctor.IsUndefined() {
		return nil, fmt.Errorf("this browser has no %s", transform)
	}
	ts, err := ctor.New("deflate-raw")
	if err != nil {
		return nil, fmt.Errorf("this browser's %s has no deflate-raw", transform)
	}
	reader, err := readerOf(data, ts)
	if err != nil {
		return nil, err
	}
	for {
		res, err := await(reader.Call("read"))
		if err != nil {
			return nil, err
		}
		if end, _ := res.Get("done"); truthy(end) {
			return out, nil
		}
		chunk, err := res.Get("value")
		if err != nil {
			return nil, err
		}
		n, err := chunk.Length()
		if err != nil {
			return nil, err
		}
		buf := make([]byte, n)
		if _, err := safejs.CopyBytesToGo(buf, chunk); err != nil {
			return nil, err
		}
		out = append(out, buf...)
		if max >= 0 && len(out) > max {
			if p, err := reader.Call("cancel"); err == nil {
				ignoreRejection(p)
			}
			return out[:max+1], nil
		}
	}
}

// readerOf returns a reader of data piped through the transform stream ts. The bytes become a
// stream as the body of a Response, which every browser with these streams has.
func readerOf(data []byte, ts safejs.Value) (safejs.Value, error) {
	g := safejs.Global()
	u8Ctor, err := g.Get("Uint8Array")
	if err != nil {
		return safejs.Undefined(), err
	}
	u8, err := u8Ctor.New(len(data))
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := safejs.CopyBytesToJS(u8, data); err != nil {
		return safejs.Undefined(), err
	}
	respCtor, err := g.Get("Response")
	if err != nil {
		return safejs.Undefined(), err
	}
	resp, err := respCtor.New(u8)
	if err != nil {
		return safejs.Undefined(), err
	}
	body, err := resp.Get("body")
	if err != nil {
		return safejs.Undefined(), err
	}
	piped, err := body.Call("pipeThrough", ts)
	if err != nil {
		return safejs.Undefined(), err
	}
	return piped.Call("getReader")
}

// await waits for a promise to settle: its value, or its rejection as an error. Only a
// goroutine of its own may wait (see later); the callbacks never block.
func await(p safejs.Value, callErr error) (safejs.Value, error) {
	if callErr != nil {
		return safejs.Undefined(), callErr
	}
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	arg := func(args []safejs.Value) safejs.Value {
		if len(args) == 0 {
			return safejs.Undefined()
		}
		return args[0]
	}
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{v: arg(args)}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{err: errors.New(jsErrorText(arg(args)))}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer fail.Release()
	if _, err := p.Call("then", ok.Value(), fail.Value()); err != nil {
		return safejs.Undefined(), err
	}
	r := <-ch
	return r.v, r.err
}

// jsErrorText is a rejection's message ("TypeError: Junk found after end of compressed data").
func jsErrorText(v safejs.Value) string {
	if s, err := v.Call("toString"); err == nil {
		if text, err := s.String(); err == nil {
			return text
		}
	}
	return "the browser gave no reason"
}

func truthy(v safejs.Value) bool {
	b, err := v.Truthy()
	return err == nil && b
}
