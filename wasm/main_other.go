//go:build !(js && wasm)

// The browser entry point only runs in a browser; on the host this stub keeps `go build ./...`
// and `go vet ./...` working. Build it with `make site`.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm (make site), then serve it (make serve)")
	os.Exit(2)
}
