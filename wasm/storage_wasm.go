//go:build js && wasm

package main

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// errNoStorage is what a browser without localStorage (disabled, or a sandboxed frame) gives.
var errNoStorage = errors.New("this browser keeps no local storage")

// localStorage returns window.localStorage. Reading it can throw (privacy modes, sandboxed
// frames); safejs turns that into an error.
func localStorage() (safejs.Value, error) {
	ls, err := safejs.Global().Get("localStorage")
	if err != nil {
		return safejs.Value{}, err
	}
	if ls.IsUndefined() || ls.IsNull() {
		return safejs.Value{}, errNoStorage
	}
	return ls, nil
}

// LoadStorage returns the text kept under key, or "" when there is none.
func (browserHost) LoadStorage(key string) (string, error) {
	ls, err := localStorage()
	if err != nil {
		return "", err
	}
	v, err := ls.Call("getItem", key)
	if err != nil {
		return "", err
	}
	if v.IsNull() || v.IsUndefined() {
		return "", nil
	}
	return v.String()
}

// SaveStorage keeps value under key; a full storage (QuotaExceededError) is an error.
func (browserHost) SaveStorage(key, value string) error {
	ls, err := localStorage()
	if err != nil {
		return err
	}
	_, err = ls.Call("setItem", key, value)
	return err
}
