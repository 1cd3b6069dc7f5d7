package main

import "net/http"

// contentSecurityPolicy is the one copy of the site's CSP; netlify.toml repeats it and
// netlify_test.go fails if the two drift apart. It allows exactly what the playground needs:
// our own scripts, wasm compilation ('wasm-unsafe-eval', not the much wider 'unsafe-eval'),
// inline styles (the UI positions and colours elements with style attributes), data: images
// and nothing remote, so a typed record value can never pull in or run anyone else's code.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders go on every response, errors included, because a browser applies them
// to whatever document it ends up rendering, and a 404 page is a document too.
var securityHeaders = [...]struct{ name, value string }{
	{"Content-Security-Policy", contentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
}

func setSecurityHeaders(h http.Header) {
	for _, sh := range securityHeaders {
		h.Set(sh.name, sh.value)
	}
}
