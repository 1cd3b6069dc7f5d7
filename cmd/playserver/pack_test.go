package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// builtSiteIndex mirrors web/static/index.html: every asset named in a double-quoted
// attribute, padded above 1 KiB so index.html gets siblings too.
var builtSiteIndex = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kafka playground</title>
<link rel="icon" href="favicon.ico">
<link rel="stylesheet" href="style.css">
<link rel="stylesheet" href="lanes.css">
<script src="wasm_exec.js"></script>
<script src="vugu-render.js"></script>
<script src="boot.js" data-wasm="main.wasm" defer></script>
</head>
<body>
<div id="vugu_mount_point"><div class="boot"><img src="logo.svg" alt=""><p>Loading the simulator…</p>
` + strings.Repeat("<!-- padding so index.html is over a KiB -->\n", 30) + `</div></div>
</body>
</html>
`

func builtSite() map[string][]byte {
	return map[string][]byte{
		"index.html":     []byte(builtSiteIndex),
		"boot.js":        []byte("// small: no siblings\nconsole.log(1)\n"),
		"wasm_exec.js":   bigText("wasm_exec"),
		"vugu-render.js": bigText("vugu"),
		"main.wasm":      append([]byte("\x00asm\x01\x00\x00\x00"), bigText("wasm")...),
		"style.css":      append([]byte(".boot{background:url(logo.svg) no-repeat}\n"), bigText("style")...),
		"lanes.css":      []byte(".lane{display:flex}\n"),
		"logo.svg":       bigText("<svg/>"),
		"photo.png":      bigText("png, not compressed by pack"),
		"favicon.ico":    []byte("ico"),
		"_headers":       []byte("/*\n  X-Test: 1\n"),
	}
}

// snapshot is a folder's files and contents, for comparing whole trees.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		require.NoError(t, err)
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	}))
	return out
}

func packDir(t *testing.T, dir string) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, pack(dir, &out))
	return out.String()
}

func TestPackHashesRewritesAndCompresses(t *testing.T) {
	src := builtSite()
	dir := writeSite(t, t.TempDir(), src)
	report := packDir(t, dir)
	files := snapshot(t, dir)

	hashed := func(name string) string { return hashedName(name, contentHash(src[name])) }
	logo := hashed("logo.svg")
	styleCSS := strings.Replace(string(src["style.css"]), "url(logo.svg)", "url("+logo+")", 1)
	style := hashedName("style.css", contentHash([]byte(styleCSS)))

	// Every asset under its content hash; the originals are gone.
	wantNames := []string{
		"_headers", "favicon.ico", "index.html",
		hashed("boot.js"), hashed("wasm_exec.js"), hashed("vugu-render.js"), hashed("main.wasm"),
		style, hashed("lanes.css"), logo, hashed("photo.png"),
	}
	for _, name := range wantNames {
		require.Contains(t, files, name)
		if name != "index.html" && name != style {
			assert.Equal(t, string(src[originalOf(name)]), files[name], "%s keeps its content", name)
		}
	}
	assert.Equal(t, "main."+contentHash(src["main.wasm"])+".wasm", hashed("main.wasm"))
	assert.Regexp(t, `^main\.[0-9a-f]{12}\.wasm$`, hashed("main.wasm"))
	for name := range src {
		if !keepsName(name) {
			assert.NotContains(t, files, name, "original %s should be removed", name)
		}
	}
	assert.Equal(t, styleCSS, files[style], "the stylesheet points at the hashed logo")

	// index.html names the hashed files, and every name it uses exists.
	index := files["index.html"]
	for _, orig := range []string{"style.css", "lanes.css", "wasm_exec.js", "vugu-render.js", "boot.js", "main.wasm", "logo.svg"} {
		assert.NotContains(t, index, `"`+orig+`"`)
	}
	assert.Contains(t, index, `href="`+style+`"`)
	assert.Contains(t, index, `src="`+hashed("boot.js")+`" data-wasm="`+hashed("main.wasm")+`"`)
	assert.Contains(t, index, `href="favicon.ico"`)
	for _, m := range regexp.MustCompile(`(?:src|href|data-wasm)="([^"]+)"`).FindAllStringSubmatch(index, -1) {
		assert.Contains(t, files, m[1], "index.html refers to %s", m[1])
	}

	// Siblings for compressible files over 1 KiB (index.html too), decoding to the file.
	compressed := []string{"index.html", hashed("wasm_exec.js"), hashed("vugu-render.js"), hashed("main.wasm"), style, logo}
	for _, name := range compressed {
		require.Contains(t, files, name+".gz", name)
		require.Contains(t, files, name+".br", name)
		assert.Equal(t, files[name], string(gunzip(t, []byte(files[name+".gz"]))), name)
		br, err := io.ReadAll(brotli.NewReader(strings.NewReader(files[name+".br"])))
		require.NoError(t, err)
		assert.Equal(t, files[name], string(br), name)
		assert.Less(t, len(files[name+".br"]), len(files[name]), name)
	}
	for _, name := range []string{hashed("boot.js"), hashed("lanes.css"), hashed("photo.png"), "favicon.ico", "_headers"} {
		assert.NotContains(t, files, name+".gz", name)
		assert.NotContains(t, files, name+".br", name)
	}
	assert.Len(t, files, len(wantNames)+2*len(compressed))

	// The report: a row per file and the total of the smallest encodings.
	total := 0
	for _, name := range wantNames {
		size := len(files[name])
		if br, ok := files[name+".br"]; ok {
			size = min(size, len(br), len(files[name+".gz"]))
		}
		total += size
		assert.Regexp(t, "(?m)^"+regexp.QuoteMeta(name)+` +\d+ +(\d+|-) +(\d+|-)$`, report)
	}
	assert.Contains(t, report, fmt.Sprintf("\ntotal transfer (brotli): %d bytes\n", total))
	assert.True(t, strings.HasSuffix(report, fmt.Sprintf("total transfer (brotli): %d bytes\n", total)))
	mainRow := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(hashed("main.wasm")) + ` +(\d+) +(\d+) +(\d+)$`).FindStringSubmatch(report)
	require.NotNil(t, mainRow, report)
	assert.Equal(t, fmt.Sprint(len(files[hashed("main.wasm")])), mainRow[1])
	assert.Equal(t, fmt.Sprint(len(files[hashed("main.wasm")+".gz"])), mainRow[2])
	assert.Equal(t, fmt.Sprint(len(files[hashed("main.wasm")+".br"])), mainRow[3])
}

// originalOf strips a content hash from a packed name (test helper for comparisons).
func originalOf(name string) string {
	return regexp.MustCompile(`\.[0-9a-f]{12}`).ReplaceAllString(name, "")
}

func TestPackIsDeterministicAndIdempotent(t *testing.T) {
	a := writeSite(t, t.TempDir(), builtSite())
	b := writeSite(t, t.TempDir(), builtSite())
	reportA, reportB := packDir(t, a), packDir(t, b)
	assert.Equal(t, reportA, reportB)
	packedA := snapshot(t, a)
	assert.Equal(t, packedA, snapshot(t, b))

	// Packing a packed folder changes nothing: no double hashes, same siblings, same report.
	assert.Equal(t, reportA, packDir(t, a))
	assert.Equal(t, packedA, snapshot(t, a))
	for name := range packedA {
		assert.NotRegexp(t, `\.[0-9a-f]{12}\.[0-9a-f]{12}\.`, name)
	}
}

func TestPackServedByTheServer(t *testing.T) {
	src := builtSite()
	dir := writeSite(t, t.TempDir(), src)
	packDir(t, dir)
	wasm := hashedName("main.wasm", contentHash(src["main.wasm"]))
	srv := httptest.NewServer(newSiteHandler(dir, false))
	defer srv.Close()

	resp, body := get(t, srv, http.MethodGet, "/"+wasm, "gzip, deflate, br")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, cacheImmutable, resp.Header.Get("Cache-Control"))
	decoded, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	require.NoError(t, err)
	assert.Equal(t, src["main.wasm"], decoded)

	resp, _ = get(t, srv, http.MethodGet, "/", "br")
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, cacheRevalidate, resp.Header.Get("Cache-Control"))
	resp, _ = get(t, srv, http.MethodGet, "/main.wasm", "br")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "the unhashed name is gone")
}

func TestPackErrors(t *testing.T) {
	t.Run("missing folder", func(t *testing.T) {
		err := pack(filepath.Join(t.TempDir(), "nope"), io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not found")
	})
	t.Run("no index.html", func(t *testing.T) {
		dir := writeSite(t, t.TempDir(), map[string][]byte{"main.wasm": []byte("x")})
		err := pack(dir, io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "no index.html")
	})
	t.Run("index.html refers to a missing file", func(t *testing.T) {
		site := builtSite()
		delete(site, "vugu-render.js")
		dir := writeSite(t, t.TempDir(), site)
		before := snapshot(t, dir)
		err := pack(dir, io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), `"vugu-render.js"`)
		assert.Equal(t, before, snapshot(t, dir), "nothing is touched when the plan fails")
	})
	t.Run("compressed file without original", func(t *testing.T) {
		site := builtSite()
		site["orphan.js.gz"] = []byte("x")
		dir := writeSite(t, t.TempDir(), site)
		err := pack(dir, io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "orphan.js.gz")
	})
	t.Run("stylesheet importing a stylesheet", func(t *testing.T) {
		site := builtSite()
		site["lanes.css"] = []byte(`@import url("style.css");`)
		err := pack(writeSite(t, t.TempDir(), site), io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "lanes.css")
	})
}

func TestPackCommandLine(t *testing.T) {
	dir := writeSite(t, t.TempDir(), builtSite())
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"pack", "-dir", dir}, &stdout, &stderr)
	assert.Equal(t, 0, code, stderr.String())
	assert.Regexp(t, `(?m)^total transfer \(brotli\): \d+ bytes$`, stdout.String())

	for _, tt := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"pack"}, 2, "usage: playserver pack -dir folder"},
		{[]string{"pack", "-dir", dir, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"pack", "-bogus"}, 2, "flag provided but not defined"},
		{[]string{"pack", "-dir", filepath.Join(dir, "missing")}, 1, "playserver: pack: site folder"},
		{[]string{"pack", "-h"}, 0, "usage: playserver pack"},
	} {
		stdout.Reset()
		stderr.Reset()
		code := run(context.Background(), tt.args, &stdout, &stderr)
		assert.Equal(t, tt.code, code, "%v", tt.args)
		assert.Contains(t, stderr.String(), tt.contains, "%v", tt.args)
	}
}

func TestKeepsName(t *testing.T) {
	for _, name := range []string{"index.html", "favicon.ico", "robots.txt", "_headers", "_redirects", ".nojekyll", "sub/_x"} {
		assert.True(t, keepsName(name), name)
	}
	for _, name := range []string{"main.wasm", "boot.js", "sub/index.html"} {
		assert.False(t, keepsName(name), name)
	}
}
