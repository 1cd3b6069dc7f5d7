//go:build js && wasm

package main

import "github.com/hack-pad/safejs"

// pageQuery is the page address's query (location.search, with its "?"), "" if unreadable.
func pageQuery() string { return locationString("search") }

// pageBaseURL is the page's address without query or fragment (origin and path), for the
// students' link: it is the address the students' machines must open.
func pageBaseURL() string { return locationString("origin") + locationString("pathname") }

func locationString(prop string) string {
	loc, err := safejs.Global().Get("location")
	if err != nil {
		return ""
	}
	v, err := loc.Get(prop)
	if err != nil {
		return ""
	}
	s, err := v.String()
	if err != nil {
		return ""
	}
	return s
}
