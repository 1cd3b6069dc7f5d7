package main

import (
	"path"
	"strings"
)

// fileType is what the server needs to know about an extension: its Content-Type, and
// whether compressing it pays off (text and wasm shrink 3-5x; png, woff2 and friends are
// already compressed and only get slower).
type fileType struct {
	contentType  string
	compressible bool
}

// fileTypes is our own table rather than mime.TypeByExtension, because that one reads the
// OS mime files: on a classroom machine with an old /etc/mime.types, .wasm comes back empty
// or wrong, and WebAssembly.instantiateStreaming refuses anything but application/wasm.
var fileTypes = map[string]fileType{
	".html":  {"text/html; charset=utf-8", true},
	".js":    {"text/javascript; charset=utf-8", true},
	".mjs":   {"text/javascript; charset=utf-8", true},
	".css":   {"text/css; charset=utf-8", true},
	".wasm":  {"application/wasm", true},
	".json":  {"application/json", true},
	".map":   {"application/json", true},
	".svg":   {"image/svg+xml", true},
	".txt":   {"text/plain; charset=utf-8", true},
	".png":   {"image/png", false},
	".jpg":   {"image/jpeg", false},
	".jpeg":  {"image/jpeg", false},
	".gif":   {"image/gif", false},
	".webp":  {"image/webp", false},
	".ico":   {"image/x-icon", false},
	".woff":  {"font/woff", false},
	".woff2": {"font/woff2", false},
}

// typeOf never guesses from content: with nosniff on every response, an unknown extension
// is honestly served as opaque bytes.
func typeOf(name string) fileType {
	if t, ok := fileTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return fileType{contentType: "application/octet-stream"}
}
