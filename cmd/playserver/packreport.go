package main

import (
	"fmt"
	"io"
	"strconv"
)

// writeReport prints what the site costs to download: one row per file, then the total a
// browser transfers when it takes the smallest encoding of each file. `make bench` greps
// the last line, so its wording is an interface.
func writeReport(w io.Writer, sizes []fileSizes) error {
	rows := [][4]string{{"file", "raw", "gzip", "brotli"}}
	var rawTotal, gzipTotal, brotliTotal int
	for _, s := range sizes {
		rows = append(rows, [4]string{s.name, strconv.Itoa(s.rawBytes), sizeOrDash(s.gzipBytes), sizeOrDash(s.brotliBytes)})
		rawTotal += s.rawBytes
		gzipTotal += smallest(s.rawBytes, s.gzipBytes)
		brotliTotal += smallest(s.rawBytes, s.gzipBytes, s.brotliBytes)
	}
	rows = append(rows, [4]string{"total", strconv.Itoa(rawTotal), strconv.Itoa(gzipTotal), strconv.Itoa(brotliTotal)})

	var widths [4]int
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], len(cell))
		}
	}
	for _, row := range rows {
		if _, err := fmt.Fprintf(w, "%-*s  %*s  %*s  %*s\n", widths[0], row[0], widths[1], row[1], widths[2], row[2], widths[3], row[3]); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "total transfer (brotli): %d bytes\n", brotliTotal)
	return err
}

func sizeOrDash(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

// smallest ignores zero sizes, which mean "no such encoding".
func smallest(raw int, encoded ...int) int {
	best := raw
	for _, n := range encoded {
		if n > 0 && n < best {
			best = n
		}
	}
	return best
}
