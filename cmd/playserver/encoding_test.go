package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAcceptEncodingWeights(t *testing.T) {
	tests := []struct {
		header       string
		br, gzip, zz float64
	}{
		{"", 0, 0, 0},
		{"gzip", 0, 1, 0},
		{"gzip, deflate, br, zstd", 1, 1, 0},
		{"br;q=0, gzip", 0, 1, 0},
		{"br;q=0.000, gzip;q=0.5", 0, 0.5, 0},
		{"BR ; Q=0.8 , GZip;q=1.0", 0.8, 1, 0},
		{"gzip;q=0.3;foo=bar, br;level=1", 1, 0.3, 0},
		{"*", 1, 1, 1},
		{"*;q=0.2, br;q=0", 0, 0.2, 0.2},
		{"br, *;q=0", 1, 0, 0},
		{"x-gzip", 0, 1, 0},
		// Malformed q-values drop the element instead of guessing.
		{"br;q=2, gzip", 0, 1, 0},
		{"br;q=1.5, gzip;q=NaN", 0, 0, 0},
		{"br;q=-1, gzip;q=1e0", 0, 0, 0},
		{"br;q=, gzip;q=0.1234", 0, 0, 0},
		{"br;q=.5, gzip;q=1.", 0, 1, 0}, // "1." is in the RFC grammar ("1" [ "." 0*3("0") ]), ".5" is not
		{" , ,gzip,,", 0, 1, 0},
		{"gzip;q=0, gzip;q=0.7", 0, 0.7, 0},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			ae := parseAcceptEncoding(tt.header)
			assert.InDelta(t, tt.br, ae.weight("br"), 1e-9, "br")
			assert.InDelta(t, tt.gzip, ae.weight("gzip"), 1e-9, "gzip")
			assert.InDelta(t, tt.zz, ae.weight("zz"), 1e-9, "unnamed coding")
		})
	}
}

func TestChooseCoding(t *testing.T) {
	tests := []struct {
		name                 string
		header               string
		brotliAvail, gzAvail bool
		want                 string
	}{
		{"browser default prefers brotli", "gzip, deflate, br, zstd", true, true, codingBrotli},
		{"brotli refused by q=0", "br;q=0, gzip", true, true, codingGzip},
		{"higher q wins", "br;q=0.5, gzip;q=0.9", true, true, codingGzip},
		{"no brotli sibling", "br, gzip", false, true, codingGzip},
		{"nothing compressed on offer", "br, gzip", false, false, codingIdentity},
		{"no header", "", true, true, codingIdentity},
		{"only identity wanted", "identity", true, true, codingIdentity},
		{"gzip refused, brotli missing", "gzip;q=0, br", false, true, codingIdentity},
		{"wildcard", "*", true, true, codingBrotli},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chooseCoding(parseAcceptEncoding(tt.header), tt.brotliAvail, tt.gzAvail)
			assert.Equal(t, tt.want, got)
		})
	}
}
