//go:build js && wasm

package main

import (
	"github.com/hack-pad/safejs"
	"github.com/kafka-playground/playground/engine/cli"
)

// installTopicPattern gives `--topic` regular expressions the browser's RegExp, so that the
// wasm binary needs no copy of Go's regexp (see cli.TopicPattern).
func installTopicPattern() {
	cli.TopicPattern = func(pat string) (func(string) bool, error) {
		ctor, err := safejs.Global().Get("RegExp")
		if err != nil {
			return nil, err
		}
		re, err := ctor.New("^(?:"+pat+")$", "u") // a bad pattern throws: safejs returns it
		if err != nil {
			return nil, err
		}
		return func(name string) bool {
			ok, err := re.Call("test", name)
			if err != nil {
				return false
			}
			b, _ := ok.Bool()
			return b
		}, nil
	}
}
