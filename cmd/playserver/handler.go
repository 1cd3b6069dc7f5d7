package main

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

// siteHandler serves one built site folder: index.html at `/`, every other file under its
// own name, compressed when the client allows it. It reopens files on every request (no
// cache, no open directory handle) so `make site` can delete and rebuild the folder while
// the dev server keeps running.
type siteHandler struct {
	dir string
	dev bool
}

func newSiteHandler(dir string, dev bool) http.Handler {
	return &siteHandler{dir: dir, dev: dev}
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	header := w.Header()
	setSecurityHeaders(header)
	// Vary on every response, errors too: a cache keyed without Accept-Encoding could hand
	// a brotli body to a client that cannot read it.
	header.Set("Vary", "Accept-Encoding")
	header.Set("Cache-Control", cacheRevalidate)

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		header.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := siteFileName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	file, info, err := openRegular(h.dir, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer file.Close()

	ft := typeOf(name)
	header.Set("Content-Type", ft.contentType)
	header.Set("Cache-Control", cacheControl(name, h.dev))

	brotliFile, brotliInfo, brotliErr := openRegular(h.dir, name+".br")
	if brotliErr == nil {
		defer brotliFile.Close()
	}
	gzipFile, gzipInfo, gzipErr := openRegular(h.dir, name+".gz")
	if gzipErr == nil {
		defer gzipFile.Close()
	}

	ae := parseAcceptEncoding(r.Header.Get("Accept-Encoding"))
	switch chooseCoding(ae, brotliErr == nil, gzipErr == nil || ft.compressible) {
	case codingBrotli:
		servePrecompressed(w, r, codingBrotli, brotliFile, brotliInfo)
	case codingGzip:
		if gzipErr == nil {
			servePrecompressed(w, r, codingGzip, gzipFile, gzipInfo)
			return
		}
		header.Set("Content-Encoding", codingGzip)
		serveGzipStream(w, r, info, file)
	default:
		http.ServeContent(w, r, name, info.ModTime(), file)
	}
}

// siteFileName maps a URL path to a file name inside the site, or reports that no file may
// answer it. It is the only gate against path traversal besides os.OpenInRoot: anything
// with an empty, `.` or `..` segment (r.URL.Path is already unescaped, so `%2e%2e` arrives
// here as `..`), a backslash, a hidden file, a directory, or a .br/.gz sibling is refused.
// Siblings are refused because under their own name they would download as compressed
// garbage with a misleading Content-Type.
func siteFileName(urlPath string) (string, bool) {
	if urlPath == "/" || urlPath == "" {
		return "index.html", true
	}
	name, ok := strings.CutPrefix(urlPath, "/")
	if !ok || !fs.ValidPath(name) || strings.ContainsAny(name, "\\\x00") {
		return "", false
	}
	for segment := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(segment, ".") {
			return "", false
		}
	}
	switch path.Ext(name) {
	case ".br", ".gz":
		return "", false
	}
	return name, true
}

// errNotRegular stands for directories and devices: we never list a folder, and a named
// pipe in the site folder would hang the request.
var errNotRegular = errors.New("not a regular file")

// openRegular opens name inside dir. os.OpenInRoot also refuses symlinks that lead out of
// dir, which the name check alone cannot see.
func openRegular(dir, name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(dir, name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, errNotRegular
	}
	return f, info, nil
}

// servePrecompressed sends a .br/.gz sibling as the encoded form of the requested file,
// with ServeContent's conditional requests and ranges (over the encoded bytes, as HTTP
// defines them).
func servePrecompressed(w http.ResponseWriter, r *http.Request, coding string, file *os.File, info fs.FileInfo) {
	w.Header().Set("Content-Encoding", coding)
	http.ServeContent(&encodedLengthWriter{ResponseWriter: w, size: info.Size()}, r, "", info.ModTime(), file)
}

// encodedLengthWriter restores the Content-Length that ServeContent leaves out of a full
// response once Content-Encoding is set (it assumes the body is being compressed on the
// way out). Here the body is the sibling file itself, so its size is exactly right, and
// with it browsers can show download progress and HEAD tells the true transfer size.
type encodedLengthWriter struct {
	http.ResponseWriter
	size int64
}

func (w *encodedLengthWriter) WriteHeader(code int) {
	if code == http.StatusOK && w.Header().Get("Content-Length") == "" {
		w.Header().Set("Content-Length", strconv.FormatInt(w.size, 10))
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *encodedLengthWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
