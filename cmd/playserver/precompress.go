package main

import (
	"bytes"
	"compress/gzip"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/andybalholm/brotli"
)

// precompressMinBytes: below 1 KiB the gzip/brotli framing eats most of the gain and the
// response fits in one packet either way, so small files are not worth two extra files.
const precompressMinBytes = 1024

// brotliWindowBits is the largest standard window (16 MiB; larger ones need a flag browsers
// do not send). The library's automatic choice is 4 MiB, smaller than main.wasm, so distant
// repeats in the binary would be missed.
const brotliWindowBits = 24

// fileSizes is one row of the pack report; a zero gzip or brotli size means no sibling.
type fileSizes struct {
	name                   string
	rawBytes               int
	gzipBytes, brotliBytes int
}

// precompressAll writes name.gz (gzip -9) and name.br (brotli -q 11) next to every
// compressible file above precompressMinBytes and reports all sizes, sorted by name.
// A sibling that would not be smaller than the file is not written: serving it would only
// cost the client a decompression. Files are compressed in parallel (brotli at quality 11
// is slow: seconds for main.wasm); the output does not depend on the order.
func precompressAll(dir string, contents map[string][]byte) ([]fileSizes, error) {
	names := slices.Sorted(maps.Keys(contents))
	sizes := make([]fileSizes, len(names))
	errs := make([]error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, name := range names {
		sizes[i] = fileSizes{name: name, rawBytes: len(contents[name])}
		if !typeOf(name).compressible || len(contents[name]) <= precompressMinBytes {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			sizes[i].gzipBytes, sizes[i].brotliBytes, errs[i] = precompress(dir, name, contents[name])
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return sizes, nil
}

func precompress(dir, name string, content []byte) (gzipBytes, brotliBytes int, err error) {
	gz, err := gzipBest(content)
	if err != nil {
		return 0, 0, err
	}
	br, err := brotliBest(content)
	if err != nil {
		return 0, 0, err
	}
	target := filepath.Join(dir, filepath.FromSlash(name))
	if len(gz) < len(content) {
		if err := os.WriteFile(target+".gz", gz, 0o644); err != nil {
			return 0, 0, err
		}
		gzipBytes = len(gz)
	}
	if len(br) < len(content) {
		if err := os.WriteFile(target+".br", br, 0o644); err != nil {
			return 0, 0, err
		}
		brotliBytes = len(br)
	}
	return gzipBytes, brotliBytes, nil
}

// gzipBest leaves the gzip header's name and mtime empty, so the same input always gives
// the same bytes.
func gzipBest(content []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(content); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func brotliBest(content []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: brotliWindowBits})
	if _, err := w.Write(content); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
