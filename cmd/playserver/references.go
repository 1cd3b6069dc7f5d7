package main

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// References between site files. pack renames assets, so every place that names one must
// follow: the double-quoted attributes of index.html (src="boot.js", data-wasm="main.wasm")
// and url(...) in stylesheets (icons, fonts). Other files are left alone, which is why
// boot.js reads the wasm URL from its own data-wasm attribute instead of a literal.

// attrPattern matches ` name="value"` in HTML. A regexp rather than an HTML parser: our
// index.html is hand-written and small, and golang.org/x/net/html is not a dependency.
var attrPattern = regexp.MustCompile(`\s([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"`)

// cssURLPattern matches url(x), url('x') and url("x"); one of groups 1-3 holds x.
var cssURLPattern = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)

// schemePattern spots absolute URLs (https:, data:, mailto:), which never name a site file.
var schemePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// fileLikePattern is how a data-* value shows it is a file name (data-wasm="main.wasm")
// rather than a setting (data-theme="dark", data-speed="1.5").
var fileLikePattern = regexp.MustCompile(`^[A-Za-z0-9_./-]*[A-Za-z_-][A-Za-z0-9_-]*\.[A-Za-z][A-Za-z0-9]*$`)

// siteRef is a reference split so its file name can be swapped while `./`, a directory,
// a query or a fragment stay as written.
type siteRef struct {
	dirPart, base, suffix string
	sitePath              string // the file it names, relative to the site root
}

// parseSiteRef reads value as a reference made from a file at fromDir ("" for the root),
// or reports that it names no file in the site (absolute URL, fragment, outside the root).
func parseSiteRef(value, fromDir string) (siteRef, bool) {
	if value == "" || strings.HasPrefix(value, "#") || strings.HasPrefix(value, "?") ||
		strings.HasPrefix(value, "//") || schemePattern.MatchString(value) {
		return siteRef{}, false
	}
	p, suffix := value, ""
	if i := strings.IndexAny(value, "?#"); i >= 0 {
		p, suffix = value[:i], value[i:]
	}
	var sitePath string
	if rooted, ok := strings.CutPrefix(p, "/"); ok {
		sitePath = path.Clean(rooted)
	} else {
		sitePath = path.Join(fromDir, p)
	}
	if sitePath == "." || sitePath == ".." || strings.HasPrefix(sitePath, "../") || strings.HasSuffix(p, "/") {
		return siteRef{}, false
	}
	cut := strings.LastIndex(p, "/") + 1
	return siteRef{dirPart: p[:cut], base: p[cut:], suffix: suffix, sitePath: sitePath}, true
}

// renamedTo gives the reference rewritten for a file that now lives at newPath.
func (r siteRef) renamedTo(newPath string) string {
	return r.dirPart + path.Base(newPath) + r.suffix
}

// mustExist says whether a missing target is an error: src, href and the like always name
// a resource, a data-* attribute only when its value looks like a file name.
func mustExist(attr string, r siteRef) bool {
	attr = strings.ToLower(attr)
	switch attr {
	case "src", "href", "poster", "data", "action":
		return true
	}
	return strings.HasPrefix(attr, "data-") && fileLikePattern.MatchString(r.dirPart+r.base)
}

// rewriteHTML points every double-quoted attribute of index.html that names a renamed file
// at its new name. exists reports whether a site path is a file; a src/href/data-*
// reference to a path that is not fails the pack, because a site missing its wasm or
// script would deploy fine and then show a blank page.
func rewriteHTML(html []byte, renames map[string]string, exists func(string) bool) ([]byte, error) {
	var out strings.Builder
	last := 0
	for _, m := range attrPattern.FindAllSubmatchIndex(html, -1) {
		attr, value := string(html[m[2]:m[3]]), string(html[m[4]:m[5]])
		ref, ok := parseSiteRef(value, "")
		if !ok {
			continue
		}
		newPath, renamed := renames[ref.sitePath]
		if !renamed {
			if mustExist(attr, ref) && !exists(ref.sitePath) {
				return nil, fmt.Errorf("index.html refers to %q (%s=%q), but the site has no such file", ref.sitePath, attr, value)
			}
			continue
		}
		out.Write(html[last:m[4]])
		out.WriteString(ref.renamedTo(newPath))
		last = m[5]
	}
	out.Write(html[last:])
	return []byte(out.String()), nil
}

// rewriteCSS points url(...) references in the stylesheet at cssPath to renamed files.
// A url() naming another stylesheet is refused: pack hashes stylesheets last (their hash
// depends on the names they contain) and does not order them among themselves.
func rewriteCSS(css []byte, cssPath string, renames map[string]string) ([]byte, error) {
	var out strings.Builder
	last := 0
	for _, m := range cssURLPattern.FindAllSubmatchIndex(css, -1) {
		start, end := -1, -1
		for g := 1; g <= 3; g++ {
			if m[2*g] >= 0 {
				start, end = m[2*g], m[2*g+1]
			}
		}
		ref, ok := parseSiteRef(string(css[start:end]), path.Dir(cssPath))
		if !ok {
			continue
		}
		if path.Ext(ref.sitePath) == ".css" {
			return nil, fmt.Errorf("%s imports the stylesheet %s; link every stylesheet from index.html instead", cssPath, ref.sitePath)
		}
		newPath, renamed := renames[ref.sitePath]
		if !renamed {
			continue
		}
		out.Write(css[last:start])
		out.WriteString(ref.renamedTo(newPath))
		last = end
	}
	out.Write(css[last:])
	return []byte(out.String()), nil
}
