package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func existsIn(names ...string) func(string) bool {
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
	}
	return func(p string) bool { return set[p] }
}

func TestRewriteHTML(t *testing.T) {
	renames := map[string]string{
		"boot.js":      "boot.111111111111.js",
		"main.wasm":    "main.222222222222.wasm",
		"style.css":    "style.333333333333.css",
		"img/logo.svg": "img/logo.444444444444.svg",
	}
	in := `<link rel="stylesheet" href="style.css">
<link rel="icon" href="./img/logo.svg">
<script src="/boot.js?v=1" data-wasm="main.wasm" defer></script>
<a href="#top" title="boot.js">boot.js</a>
<img src='img/logo.svg' alt="logo"><a href="https://example.com/boot.js">x</a>
<meta name="viewport" content="width=device-width, initial-scale=1">
<div data-theme="dark" data-speed="1.5" data-x = "main.wasm#frag"></div>`
	want := `<link rel="stylesheet" href="style.333333333333.css">
<link rel="icon" href="./img/logo.444444444444.svg">
<script src="/boot.111111111111.js?v=1" data-wasm="main.222222222222.wasm" defer></script>
<a href="#top" title="boot.111111111111.js">boot.js</a>
<img src='img/logo.svg' alt="logo"><a href="https://example.com/boot.js">x</a>
<meta name="viewport" content="width=device-width, initial-scale=1">
<div data-theme="dark" data-speed="1.5" data-x = "main.222222222222.wasm#frag"></div>`
	got, err := rewriteHTML([]byte(in), renames, existsIn("index.html", "boot.js", "main.wasm", "style.css", "img/logo.svg"))
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

func TestRewriteHTMLMissingReference(t *testing.T) {
	for _, tt := range []struct{ html, missing string }{
		{`<script src="gone.js"></script>`, "gone.js"},
		{`<link href="./css/gone.css">`, "css/gone.css"},
		{`<script data-wasm="gone.wasm"></script>`, "gone.wasm"},
		{`<img poster="/gone.png">`, "gone.png"},
	} {
		_, err := rewriteHTML([]byte(tt.html), nil, existsIn("index.html"))
		require.Error(t, err, tt.html)
		assert.Contains(t, err.Error(), tt.missing)
		assert.Contains(t, err.Error(), "no such file")
	}
	// Not file references: fragments, absolute URLs, settings, the page itself, the root.
	ok := `<a href="#main"></a><a href="https://kafka.apache.org/"></a><a href="mailto:x@y"></a>
<a href="index.html"></a><a href="/"></a><a href="//cdn.example/x.js"></a>
<div data-theme="dark" data-speed="1.5" data-label="Broker 1"></div><img src="data:image/png;base64,AA==">`
	got, err := rewriteHTML([]byte(ok), nil, existsIn("index.html"))
	require.NoError(t, err)
	assert.Equal(t, ok, string(got))
}

func TestRewriteCSS(t *testing.T) {
	renames := map[string]string{
		"img/a.png":  "img/a.555555555555.png",
		"icons.svg":  "icons.666666666666.svg",
		"font.woff2": "font.777777777777.woff2",
	}
	in := `.a{background:url(img/a.png)} .b{background:url( 'icons.svg#x' )}
.c{src:url("/font.woff2") format("woff2")} .d{background:url(data:image/png;base64,AA==)}
.e{background:url(missing.png)} .f{background:url(https://example.com/img/a.png)}`
	want := `.a{background:url(img/a.555555555555.png)} .b{background:url( 'icons.666666666666.svg#x' )}
.c{src:url("/font.777777777777.woff2") format("woff2")} .d{background:url(data:image/png;base64,AA==)}
.e{background:url(missing.png)} .f{background:url(https://example.com/img/a.png)}`
	got, err := rewriteCSS([]byte(in), "style.css", renames)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))

	// Relative to the stylesheet's own folder.
	got, err = rewriteCSS([]byte(`x{background:url(../img/a.png)}`), "css/site.css", renames)
	require.NoError(t, err)
	assert.Equal(t, `x{background:url(../img/a.555555555555.png)}`, string(got))

	_, err = rewriteCSS([]byte(`@import url("other.css");`), "style.css", renames)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "other.css")
}

func TestParseSiteRef(t *testing.T) {
	ref, ok := parseSiteRef("./sub/a.js?x#y", "")
	require.True(t, ok)
	assert.Equal(t, siteRef{dirPart: "./sub/", base: "a.js", suffix: "?x#y", sitePath: "sub/a.js"}, ref)
	assert.Equal(t, "./sub/a.1.js?x#y", ref.renamedTo("sub/a.1.js"))

	for _, v := range []string{"", "#x", "?q", "//host/x", "https://x/y", "data:x", "../up.js", "/", "./", "dir/"} {
		_, ok := parseSiteRef(v, "")
		assert.False(t, ok, "%q", v)
	}
}
