package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeSite creates a site folder from name -> content and returns its path.
func writeSite(t *testing.T, dir string, files map[string][]byte) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, content, 0o644))
	}
	return dir
}

// bigText is compressible content comfortably above precompressMinBytes.
func bigText(seed string) []byte {
	return []byte(strings.Repeat(seed+" the quick brown fox jumps over the lazy dog\n", 200))
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := gzipBest(b)
	require.NoError(t, err)
	return out
}

func brotliBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := brotliBest(b)
	require.NoError(t, err)
	return out
}

// testSite is a small built site: index, assets of each kind, a hashed asset, a
// subfolder, a dotfile, and main.wasm with both precompressed siblings.
type testSite struct {
	dir                 string
	wasm, css, hashedJS []byte
	secretOutsidePath   string
}

func newTestSite(t *testing.T) testSite {
	t.Helper()
	root := t.TempDir()
	s := testSite{
		dir:      filepath.Join(root, "site"),
		wasm:     append([]byte("\x00asm\x01\x00\x00\x00"), bigText("wasm")...),
		css:      bigText("css"),
		hashedJS: bigText("js"),
	}
	writeSite(t, s.dir, map[string][]byte{
		"index.html":          []byte(`<!doctype html><script src="boot.js"></script>`),
		"boot.js":             []byte("console.log('boot')\n"),
		"style.css":           s.css,
		"main.wasm":           s.wasm,
		"main.wasm.br":        brotliBytes(t, s.wasm),
		"main.wasm.gz":        gzipBytes(t, s.wasm),
		"logo.png":            bigText("png"),
		"data.bin":            []byte{1, 2, 3},
		"app.3f2a9c1b4d5e.js": s.hashedJS,
		"sub/page.txt":        []byte("in a subfolder"),
		".hidden":             []byte("dotfile"),
	})
	s.secretOutsidePath = filepath.Join(root, "secret.txt")
	require.NoError(t, os.WriteFile(s.secretOutsidePath, []byte("TOP SECRET"), 0o644))
	require.NoError(t, os.Symlink(s.secretOutsidePath, filepath.Join(s.dir, "escape.txt")))
	return s
}

// rawClient never adds Accept-Encoding or decodes bodies, so tests see the wire.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func get(t *testing.T, srv *httptest.Server, method, urlPath, acceptEncoding string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+urlPath, nil)
	require.NoError(t, err)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := rawClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func assertCommonHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	assert.Equal(t, contentSecurityPolicy, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
	assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
}

func TestServeIndexAndContentTypes(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()

	for _, tt := range []struct{ path, contentType string }{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/boot.js", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/main.wasm", "application/wasm"},
		{"/logo.png", "image/png"},
		{"/data.bin", "application/octet-stream"},
		{"/sub/page.txt", "text/plain; charset=utf-8"},
	} {
		resp, _ := get(t, srv, http.MethodGet, tt.path, "")
		assert.Equal(t, http.StatusOK, resp.StatusCode, tt.path)
		assert.Equal(t, tt.contentType, resp.Header.Get("Content-Type"), tt.path)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), tt.path)
		assertCommonHeaders(t, resp)
	}
	resp, body := get(t, srv, http.MethodGet, "/", "")
	assert.Equal(t, `<!doctype html><script src="boot.js"></script>`, string(body))
	assert.Equal(t, fmt.Sprint(len(body)), resp.Header.Get("Content-Length"))
}

func TestServeNotFound(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()

	for _, p := range []string{
		"/missing.js",
		"/sub", "/sub/", // no directory listings
		"/.hidden",
		"/main.wasm.br", "/main.wasm.gz", // siblings never under their own names
		"/escape.txt", // symlink out of the site folder
		"/index.html/",
	} {
		resp, body := get(t, srv, http.MethodGet, p, "gzip, br")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, p)
		assert.NotContains(t, string(body), "TOP SECRET", p)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), p)
		assert.Equal(t, cacheRevalidate, resp.Header.Get("Cache-Control"), p)
		assertCommonHeaders(t, resp)
	}
}

// rawRequest sends a request line exactly as written, bypassing the client's URL cleaning,
// and returns the status code and body.
func rawRequest(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", target)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

func TestServeRefusesPathTraversal(t *testing.T) {
	s := newTestSite(t)
	// A file just outside the site folder, named like the repo's go.mod.
	require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(s.dir), "go.mod"), []byte("module TOP SECRET"), 0o644))
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")

	for _, target := range []string{
		"/../go.mod",
		"/%2e%2e/go.mod",
		"/%2e%2e/",
		"/%2E%2E/secret.txt",
		"/..%2fgo.mod",
		"/%2e%2e%2fgo.mod",
		"/sub/../../go.mod",
		"/sub/%2e%2e/%2e%2e/go.mod",
		"/..\\go.mod",
		"/..%5cgo.mod",
		"/./index.html",
		"//etc/passwd",
		"/%00",
	} {
		status, body := rawRequest(t, addr, target)
		assert.Contains(t, []int{http.StatusNotFound, http.StatusBadRequest}, status, target)
		assert.NotContains(t, body, "TOP SECRET", target)
		assert.NotContains(t, body, "root:", target)
	}

	// The same through the handler alone, with no server in front to normalise anything.
	for _, target := range []string{"/../go.mod", "/%2e%2e/go.mod", "/sub/../../go.mod"} {
		rec := httptest.NewRecorder()
		newSiteHandler(s.dir, false).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		assert.Equal(t, http.StatusNotFound, rec.Code, target)
	}
}

func TestServePrecompressedSiblings(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()
	brFile, err := os.ReadFile(filepath.Join(s.dir, "main.wasm.br"))
	require.NoError(t, err)
	gzFile, err := os.ReadFile(filepath.Join(s.dir, "main.wasm.gz"))
	require.NoError(t, err)

	resp, body := get(t, srv, http.MethodGet, "/main.wasm", "gzip, deflate, br, zstd")
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, fmt.Sprint(len(brFile)), resp.Header.Get("Content-Length"))
	assert.Equal(t, brFile, body)
	decoded, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	require.NoError(t, err)
	assert.Equal(t, s.wasm, decoded)
	assertCommonHeaders(t, resp)

	resp, body = get(t, srv, http.MethodGet, "/main.wasm", "br;q=0, gzip")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, fmt.Sprint(len(gzFile)), resp.Header.Get("Content-Length"))
	assert.Equal(t, gzFile, body)

	resp, body = get(t, srv, http.MethodGet, "/main.wasm", "identity")
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	assert.Equal(t, fmt.Sprint(len(s.wasm)), resp.Header.Get("Content-Length"))
	assert.Equal(t, s.wasm, body)

	// Only a .br sibling: a gzip-only client still gets gzip, made on the fly.
	require.NoError(t, os.Remove(filepath.Join(s.dir, "main.wasm.gz")))
	resp, body = get(t, srv, http.MethodGet, "/main.wasm", "gzip")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, s.wasm, gunzip(t, body))
}

func gunzip(t *testing.T, body []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(body))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return out
}

func TestServeGzipOnTheFly(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()

	resp, body := get(t, srv, http.MethodGet, "/style.css", "gzip, br")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, "text/css; charset=utf-8", resp.Header.Get("Content-Type"))
	// Streamed: net/http only fills in a length when the whole body fit in its buffer.
	if cl := resp.Header.Get("Content-Length"); cl != "" {
		assert.Equal(t, fmt.Sprint(len(body)), cl)
	}
	assert.Less(t, len(body), len(s.css))
	assert.Equal(t, s.css, gunzip(t, body))
	assertCommonHeaders(t, resp)

	// Small files are compressed too (the 1 KiB floor is only for pack's siblings).
	resp, body = get(t, srv, http.MethodGet, "/", "gzip")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, `<!doctype html><script src="boot.js"></script>`, string(gunzip(t, body)))

	for _, tt := range []struct{ path, acceptEncoding string }{
		{"/style.css", "br"},       // brotli is only ever precompressed
		{"/style.css", "gzip;q=0"}, // refused
		{"/style.css", ""},         // nothing offered
		{"/logo.png", "gzip, br"},  // already compressed formats stay as they are
		{"/data.bin", "gzip, br"},  // unknown type: not worth guessing
	} {
		resp, _ := get(t, srv, http.MethodGet, tt.path, tt.acceptEncoding)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), "%s %q", tt.path, tt.acceptEncoding)
		assert.NotEmpty(t, resp.Header.Get("Content-Length"), "%s %q", tt.path, tt.acceptEncoding)
	}
}

func TestServeHead(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()
	brInfo, err := os.Stat(filepath.Join(s.dir, "main.wasm.br"))
	require.NoError(t, err)

	resp, body := get(t, srv, http.MethodHead, "/main.wasm", "br")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, fmt.Sprint(brInfo.Size()), resp.Header.Get("Content-Length"))

	resp, body = get(t, srv, http.MethodHead, "/main.wasm", "")
	assert.Empty(t, body)
	assert.Equal(t, fmt.Sprint(len(s.wasm)), resp.Header.Get("Content-Length"))

	resp, body = get(t, srv, http.MethodHead, "/style.css", "gzip")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assertCommonHeaders(t, resp)

	resp, _ = get(t, srv, http.MethodHead, "/missing", "")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestServeRejectsOtherMethods(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		resp, _ := get(t, srv, method, "/index.html", "")
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, method)
		assert.Equal(t, "GET, HEAD", resp.Header.Get("Allow"))
		assertCommonHeaders(t, resp)
	}
}

func TestServeCaching(t *testing.T) {
	s := newTestSite(t)
	prod := httptest.NewServer(newSiteHandler(s.dir, false))
	defer prod.Close()
	dev := httptest.NewServer(newSiteHandler(s.dir, true))
	defer dev.Close()

	for _, tt := range []struct {
		path      string
		prodCache string
	}{
		{"/", cacheRevalidate},
		{"/index.html", cacheRevalidate},
		{"/main.wasm", cacheRevalidate},
		{"/app.3f2a9c1b4d5e.js", cacheImmutable},
	} {
		for _, ae := range []string{"", "gzip", "br"} {
			resp, _ := get(t, prod, http.MethodGet, tt.path, ae)
			assert.Equal(t, tt.prodCache, resp.Header.Get("Cache-Control"), "%s %q", tt.path, ae)
			resp, _ = get(t, dev, http.MethodGet, tt.path, ae)
			assert.Equal(t, cacheRevalidate, resp.Header.Get("Cache-Control"), "-dev %s %q", tt.path, ae)
		}
	}
	assert.Equal(t, "public, max-age=31536000, immutable", cacheImmutable)
	assert.Equal(t, "no-cache", cacheRevalidate)
}

func TestServeRangeOnPlainFile(t *testing.T) {
	s := newTestSite(t)
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/main.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Range", "bytes=0-3")
	resp, err := rawClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "\x00asm", string(body))
}

func TestSiteFileName(t *testing.T) {
	for urlPath, want := range map[string]string{
		"/":             "index.html",
		"":              "index.html",
		"/index.html":   "index.html",
		"/main.wasm":    "main.wasm",
		"/sub/page.txt": "sub/page.txt",
	} {
		got, ok := siteFileName(urlPath)
		assert.True(t, ok, urlPath)
		assert.Equal(t, want, got, urlPath)
	}
	for _, urlPath := range []string{
		"main.wasm", "/../x", "/a/../b", "/./a", "//a", "/a//b", "/a/", "/a\\b", "/.git/config",
		"/sub/.env", "/x.br", "/x.gz", "/x\x00",
	} {
		_, ok := siteFileName(urlPath)
		assert.False(t, ok, "%q", urlPath)
	}
}

// pseudoRandom gives n bytes that do not compress, deterministically.
func pseudoRandom(n int) []byte {
	out := make([]byte, n)
	x := uint32(2463534242)
	for i := range out {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		out[i] = byte(x)
	}
	return out
}

func TestServeLargeFiles(t *testing.T) {
	s := newTestSite(t)
	// Far beyond net/http's response buffer, so no length is filled in for us.
	bigBrotli := pseudoRandom(300_000)
	bigJS := []byte(fmt.Sprintf("%x", pseudoRandom(150_000)))
	writeSite(t, s.dir, map[string][]byte{"main.wasm.br": bigBrotli, "big.js": bigJS})
	srv := httptest.NewServer(newSiteHandler(s.dir, false))
	defer srv.Close()

	for _, method := range []string{http.MethodGet, http.MethodHead} {
		resp, body := get(t, srv, method, "/main.wasm", "br")
		assert.Equal(t, "br", resp.Header.Get("Content-Encoding"), method)
		assert.Equal(t, "300000", resp.Header.Get("Content-Length"), method)
		if method == http.MethodGet {
			assert.Equal(t, bigBrotli, body)
		} else {
			assert.Empty(t, body)
		}
	}

	resp, body := get(t, srv, http.MethodGet, "/big.js", "gzip")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Empty(t, resp.Header.Get("Content-Length"))
	assert.Equal(t, []string{"chunked"}, resp.TransferEncoding)
	assert.Equal(t, bigJS, gunzip(t, body))

	// A range of a precompressed response counts encoded bytes.
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/main.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("Range", "bytes=10-19")
	resp, err = rawClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "10", resp.Header.Get("Content-Length"))
	assert.Equal(t, bigBrotli[10:20], body)
}
