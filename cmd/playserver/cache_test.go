package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHashedNames(t *testing.T) {
	assert.Equal(t, "main.3f2a9c1b4d5e.wasm", hashedName("main.wasm", "3f2a9c1b4d5e"))
	assert.Equal(t, "wasm_exec.3f2a9c1b4d5e.js", hashedName("wasm_exec.js", "3f2a9c1b4d5e"))
	assert.Equal(t, "img/logo.3f2a9c1b4d5e.svg", hashedName("img/logo.svg", "3f2a9c1b4d5e"))
	assert.Equal(t, "LICENSE.3f2a9c1b4d5e", hashedName("LICENSE", "3f2a9c1b4d5e"))
	assert.Len(t, contentHash([]byte("x")), contentHashLen)
	// sha256("") = e3b0c44298fc1c149afbf4c8996fb924...
	assert.Equal(t, "e3b0c44298fc", contentHash(nil))

	for name, want := range map[string]bool{
		"main.3f2a9c1b4d5e.wasm":      true,
		"img/logo.3f2a9c1b4d5e.svg":   true,
		"LICENSE.3f2a9c1b4d5e":        true,
		"main.wasm":                   false,
		"index.html":                  false,
		"main.3F2A9C1B4D5E.wasm":      false, // upper case is not what pack writes
		"main.3f2a9c1b4d5.wasm":       false, // 11 digits
		"main.3f2a9c1b4d5e0.wasm":     false, // 13 digits
		"3f2a9c1b4d5e.3f2a9c1b4d5e/x": false,
	} {
		assert.Equal(t, want, isHashedName(name), name)
	}
}

func TestCacheControl(t *testing.T) {
	assert.Equal(t, cacheImmutable, cacheControl("main.3f2a9c1b4d5e.wasm", false))
	assert.Equal(t, cacheRevalidate, cacheControl("index.html", false))
	assert.Equal(t, cacheRevalidate, cacheControl("main.wasm", false))
	// -dev: a rebuilt site may reuse any name, hashed or not.
	assert.Equal(t, cacheRevalidate, cacheControl("main.3f2a9c1b4d5e.wasm", true))
	assert.Equal(t, cacheRevalidate, cacheControl("index.html", true))
}
