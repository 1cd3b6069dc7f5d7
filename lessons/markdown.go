//go:build !(js && wasm)

package lessons

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
)

// markdown is goldmark with its defaults: CommonMark, with raw HTML in the source left out
// rather than passed through, so that lesson text can never inject markup into the page.
var markdown = goldmark.New()

// HTML renders lesson Markdown (narration, intro, hints, explanations) for the browser.
func HTML(md string) string {
	var b bytes.Buffer
	if err := markdown.Convert([]byte(md), &b); err != nil {
		// goldmark only fails when writing to the buffer fails, which bytes.Buffer never does;
		// fall back to the escaped text rather than show nothing.
		return "<p>" + escape(md) + "</p>"
	}
	return b.String()
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
	mdEm     = regexp.MustCompile(`(^|[\s(])[*_]([^*_\s][^*_]*)[*_]`)
)

// Text renders lesson Markdown for a terminal: emphasis marks are dropped and links show
// their address. Code spans keep their backticks, which read well as "type this".
func Text(md string) string {
	s := mdLink.ReplaceAllString(md, "$1 ($2)")
	s = mdStrong.ReplaceAllString(s, "$1$2")
	s = mdEm.ReplaceAllString(s, "$1$2")
	return s
}
