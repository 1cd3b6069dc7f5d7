package main

import (
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
)

// gzipStreamLevel trades a little size for speed: level 5 gets within a few percent of
// level 9 on wasm and text at a fraction of the CPU, which matters when a classroom of
// browsers loads a 4 MB main.wasm from one laptop that has not run `pack`.
const gzipStreamLevel = 5

// serveGzipStream compresses file while sending it, so nothing is buffered whole. The
// compressed length is unknown up front, so the response is chunked and ranges are not
// offered; a client that needs ranges or a Content-Length gets them from the
// precompressed siblings that `pack` writes.
func serveGzipStream(w http.ResponseWriter, r *http.Request, info fs.FileInfo, file io.Reader) {
	header := w.Header()
	header.Del("Content-Length")
	header.Set("Accept-Ranges", "none")
	header.Set("Last-Modified", info.ModTime().UTC().Format(http.TimeFormat))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	gz, err := gzip.NewWriterLevel(w, gzipStreamLevel)
	if err != nil { // only for an invalid level, which is a constant
		return
	}
	// An error here means the client went away or the file vanished mid-rebuild; the
	// status line is already sent, so the truncated chunked body is all we can signal.
	if _, err := io.Copy(gz, file); err != nil {
		return
	}
	_ = gz.Close()
}
