package main

import (
	"strconv"
	"strings"
)

// acceptEncoding is a parsed Accept-Encoding header (RFC 9110 section 12.5.3): the q-value
// of each coding the client named, plus the `*` wildcard for codings it did not name.
type acceptEncoding struct {
	q           map[string]float64
	wildcardQ   float64
	hasWildcard bool
}

// parseAcceptEncoding reads the header leniently: an element with a malformed q-value is
// dropped rather than guessed at, because the only safe reading of garbage is "not
// accepted", and identity is always there to fall back on.
func parseAcceptEncoding(header string) acceptEncoding {
	ae := acceptEncoding{q: map[string]float64{}}
	for element := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(element, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		q, ok := qValue(params)
		if !ok {
			continue
		}
		if coding == "x-gzip" { // RFC 9110 8.4.1.3: recipients treat x-gzip as gzip
			coding = "gzip"
		}
		if coding == "*" {
			ae.wildcardQ, ae.hasWildcard = q, true
			continue
		}
		// A coding listed twice keeps its highest weight: the client said both, and
		// the more permissive reading cannot produce something it cannot decode.
		if prev, seen := ae.q[coding]; !seen || q > prev {
			ae.q[coding] = q
		}
	}
	return ae
}

// qValue finds the q parameter among `;`-separated params; absent means 1.
func qValue(params string) (float64, bool) {
	q := 1.0
	for param := range strings.SplitSeq(params, ";") {
		name, value, _ := strings.Cut(param, "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		parsed, ok := parseQ(strings.TrimSpace(value))
		if !ok {
			return 0, false
		}
		q = parsed
	}
	return q, true
}

// parseQ accepts exactly the RFC grammar, `0[.ddd]` or `1[.000]`, so that values such as
// "NaN", "1e0" or "-1" (which strconv.ParseFloat would take) are rejected.
func parseQ(s string) (float64, bool) {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	if len(s) > 1 {
		if s[1] != '.' || len(s) > 5 {
			return 0, false
		}
		for _, c := range s[2:] {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
	}
	q, err := strconv.ParseFloat(s, 64)
	if err != nil || q > 1 {
		return 0, false
	}
	return q, true
}

// weight is the client's preference for coding; 0 means "do not send it".
func (ae acceptEncoding) weight(coding string) float64 {
	if q, ok := ae.q[coding]; ok {
		return q
	}
	if ae.hasWildcard {
		return ae.wildcardQ
	}
	return 0
}

// Content codings the server can produce.
const (
	codingBrotli   = "br"
	codingGzip     = "gzip"
	codingIdentity = ""
)

// chooseCoding picks the response's content coding from what is on offer for one file:
// a .br sibling, and gzip (from a .gz sibling or on the fly). The client's highest
// weight wins; on a tie brotli wins because it is about 20% smaller for wasm and text.
// With nothing acceptable the file goes out as is (identity), which every client reads.
func chooseCoding(ae acceptEncoding, brotliAvailable, gzipAvailable bool) string {
	best, bestQ := codingIdentity, 0.0
	if q := ae.weight(codingBrotli); brotliAvailable && q > bestQ {
		best, bestQ = codingBrotli, q
	}
	if q := ae.weight(codingGzip); gzipAvailable && q > bestQ {
		best = codingGzip
	}
	return best
}
